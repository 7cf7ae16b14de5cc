import { createSignal } from 'solid-js';
import { ApiClientError } from '../lib/api';

export interface ActionError {
  message: string;
  field?: string | undefined;
}

/**
 * Wraps a form's or dialog's async action: `busy` while it runs, `error` with the API's
 * message (and field) when it fails, `fallback` for anything that is not an API error.
 */
export function createAction<A extends unknown[]>(
  fn: (...args: A) => Promise<void>,
  fallback: string,
) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ActionError | null>(null);
  const run = async (...args: A) => {
    setBusy(true);
    setError(null);
    try {
      await fn(...args);
    } catch (e) {
      setError(
        e instanceof ApiClientError
          ? { message: e.message, field: e.field }
          : { message: fallback },
      );
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, setError };
}
