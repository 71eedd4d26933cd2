import { useCallback, useRef, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { execute, type GraphQLErrorLike, type GraphQLResult } from './client';

export interface MutationState<TResult> {
  data: TResult | null;
  errors: readonly GraphQLErrorLike[];
  running: boolean;
  /** A transport failure (network down, server unreachable). */
  failure: Error | null;
}

/**
 * Runs a mutation on demand. The result is both returned by `run` and kept in the state, so a
 * form can show the server's field errors next to the inputs (see fieldErrors) and the rest as
 * an alert. A second `run` while one is in flight is refused (double submit).
 */
export function useMutation<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
): [(variables: TVariables) => Promise<GraphQLResult<TResult> | null>, MutationState<TResult>] {
  const [state, setState] = useState<MutationState<TResult>>({
    data: null,
    errors: [],
    running: false,
    failure: null,
  });
  const inFlight = useRef(false);
  const run = useCallback(
    async (variables: TVariables) => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setState((s) => ({ ...s, running: true, failure: null }));
      try {
        const result = await execute(document, variables);
        setState({ data: result.data, errors: result.errors, running: false, failure: null });
        return result;
      } catch (err) {
        const failure = err instanceof Error ? err : new Error(String(err));
        setState({ data: null, errors: [], running: false, failure });
        throw failure;
      } finally {
        inFlight.current = false;
      }
    },
    [document],
  );
  return [run, state];
}

/**
 * The server's input errors by field: BAD_USER_INPUT errors carry `extensions.field`, the
 * input field's name (e.g. "fiscalCode"). Errors without a field are left to formErrors.
 */
export function fieldErrors(errors: readonly GraphQLErrorLike[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const field = e.extensions?.field;
    if (typeof field === 'string' && !(field in out)) out[field] = e.message;
  }
  return out;
}

/** Errors a form shows above its buttons: those not tied to one input. */
export function formErrors(errors: readonly GraphQLErrorLike[]): GraphQLErrorLike[] {
  return errors.filter((e) => typeof e.extensions?.field !== 'string');
}
