import { action, useAction } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { errorText } from '../i18n/error-text';
import { ApiClientError } from '../lib/api';

export interface ActionError {
  message: string;
  field?: string | undefined;
  /** The API's error code, for screens that word a code their own way. */
  code?: string | undefined;
}

/**
 * Wraps a form's or dialog's async call: `busy` while it runs, `error` in the reader's language
 * (with the API's field) when it fails. Reads only; for a change, use `createMutation`.
 */
export function createAction<A extends unknown[]>(
  fn: (...args: A) => Promise<unknown>,
  /** Words for a failure that is not an API error (defaults to "Something went wrong"). */
  fallback?: string,
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
          ? { message: errorText(e), field: e.field, code: e.code }
          : { message: fallback ?? errorText(e) },
      );
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, setError };
}

/**
 * A change to server data, as a router action: when it succeeds the router refetches every
 * query the screen shows, so no call site lists what to refresh (and none forgets one).
 * Must be created inside the console's <Router>.
 */
export function createMutation<A extends unknown[]>(
  fn: (...args: A) => Promise<unknown>,
  fallback?: string,
) {
  // The router types an action's arguments for form posts; ours are plain values.
  const submit = useAction(action(async (...args: A) => void (await fn(...args)))) as (
    ...args: A
  ) => Promise<unknown>;
  return createAction((...args: A) => submit(...args), fallback);
}
