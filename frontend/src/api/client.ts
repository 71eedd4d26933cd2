import type { TypedDocumentString } from '../gql/graphql';

/** A GraphQL error as the server sends it (see README: FORBIDDEN with extensions.policy, BAD_USER_INPUT with extensions.field). */
export interface GraphQLErrorLike {
  message: string;
  path?: readonly (string | number)[];
  extensions?: {
    code?: string;
    policy?: string;
    field?: string;
    [key: string]: unknown;
  };
}

export interface GraphQLResult<TData> {
  data: TData | null;
  errors: readonly GraphQLErrorLike[];
}

/** Thrown when the request itself failed (network, HTTP status without a GraphQL body). */
export class TransportError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'TransportError';
    this.status = status;
  }
}

export const GRAPHQL_ENDPOINT = '/graphql';

/**
 * Runs one operation against the same-origin API with the session cookie. Partial data and
 * field errors are both returned: a denied field is `null` in `data` with a FORBIDDEN error at
 * its path, and the rest of the response is still usable.
 */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables?: TVariables,
  init?: { signal?: AbortSignal },
): Promise<GraphQLResult<TResult>> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
      signal: init?.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new TransportError(err instanceof Error ? err.message : String(err));
  }
  let body: { data?: TResult | null; errors?: GraphQLErrorLike[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new TransportError(`HTTP ${response.status}`, response.status);
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** Whether an error of this code is in the response (at any path). */
export function hasErrorCode(errors: readonly GraphQLErrorLike[], code: string): boolean {
  return errors.some((e) => e.extensions?.code === code);
}

/**
 * Whether the server said it cannot answer for now (its database is unreachable, it is shutting
 * down: HTTP 503, `UNAVAILABLE`). Retryable; the session is not in question.
 */
export function isUnavailable(errors: readonly GraphQLErrorLike[]): boolean {
  return hasErrorCode(errors, 'UNAVAILABLE');
}

/** Errors that are not field-level privacy denials: the ones a page shows as an alert. */
export function blockingErrors(errors: readonly GraphQLErrorLike[]): GraphQLErrorLike[] {
  return errors.filter((e) => e.extensions?.code !== 'FORBIDDEN');
}
