import { useEffect, useState } from 'preact/hooks';
import type { Result } from './api/results.js';
import { endsSession, useConsole } from './console-context.js';

export type Loadable<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ok'; readonly data: T }
  | { readonly kind: 'failed'; readonly message: string };

/** A read for a list page: loading, then its data or why not; `retry` reads again. A `401` signs out. */
export function useResult<T>(read: () => Promise<Result<T>>, deps: readonly unknown[]): [Loadable<T>, () => void] {
  const context = useConsole();
  const [state, setState] = useState<Loadable<T>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    void read().then((result) => {
      if (!current) return;
      if (result.kind === 'ok') setState({ kind: 'ok', data: result.item.data });
      else if (!endsSession(result, context)) setState({ kind: 'failed', message: result.message });
    });
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
