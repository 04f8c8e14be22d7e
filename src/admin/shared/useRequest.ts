import * as React from 'react';

export interface RequestState<T> {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
}

/**
 * Runs `load` when `key` changes (and on `reload()`), keeping the last data while reloading so pages do not
 * flash. A request answered after a newer one started is dropped.
 */
export function useRequest<T>(key: string, load: (signal: AbortSignal) => Promise<T>): RequestState<T> {
  const [state, setState] = React.useState<{ data?: T; error?: unknown; isLoading: boolean }>({ isLoading: true });
  const [tick, setTick] = React.useState(0);
  const loadRef = React.useRef(load);
  loadRef.current = load;

  React.useEffect(() => {
    const controller = new AbortController();
    setState((prev) => ({ ...prev, isLoading: true }));
    loadRef
      .current(controller.signal)
      .then((data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, isLoading: false });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState((prev) => ({ data: prev.data, error, isLoading: false }));
      });
    return () => controller.abort();
  }, [key, tick]);

  const reload = React.useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, isLoading: state.isLoading, reload };
}
