import { useCallback, useEffect, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { execute, type GraphQLErrorLike } from './client';

export interface QueryState<TResult> {
  data: TResult | null;
  errors: readonly GraphQLErrorLike[];
  loading: boolean;
  /** A transport failure (network down, server unreachable). */
  failure: Error | null;
  refetch: () => void;
}

/**
 * Runs a query when the component mounts and whenever the variables change (compared by their JSON).
 * Set `skip` to hold the request (e.g. an empty search).
 */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options?: { skip?: boolean },
): QueryState<TResult> {
  const key = JSON.stringify(variables);
  const skip = options?.skip ?? false;
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<Omit<QueryState<TResult>, 'refetch'>>({
    data: null,
    errors: [],
    loading: !skip,
    failure: null,
  });

  useEffect(() => {
    if (skip) {
      setState({ data: null, errors: [], loading: false, failure: null });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, failure: null }));
    execute(document, JSON.parse(key) as TVariables, { signal: controller.signal }).then(
      (result) => {
        if (!controller.signal.aborted)
          setState({ data: result.data, errors: result.errors, loading: false, failure: null });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          data: null,
          errors: [],
          loading: false,
          failure: err instanceof Error ? err : new Error(String(err)),
        });
      },
    );
    return () => controller.abort();
  }, [document, key, skip, tick]);

  const refetch = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, refetch };
}
