import { useCallback, useEffect, useRef, useState } from 'react';
import { asRequestError, type GraphQLRequestError } from './api/client';

export interface Loaded<T> {
  data: T | null;
  error: GraphQLRequestError | null;
  loading: boolean;
  reload(): void;
}

/**
 * Loads data when the key changes; a late answer for an older key is dropped. `reload` loads again
 * without clearing what is shown.
 */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: GraphQLRequestError | null; loading: boolean }>({
    key,
    data: null,
    error: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger.
  useEffect(() => {
    let current = true;
    setState((previous) => ({ key, data: previous.key === key ? previous.data : null, error: null, loading: true }));
    loadRef.current().then(
      (data) => current && setState({ key, data, error: null, loading: false }),
      (error: unknown) => current && setState((previous) => ({ ...previous, error: asRequestError(error), loading: false })),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data: state.key === key ? state.data : null, error: state.error, loading: state.loading, reload };
}
