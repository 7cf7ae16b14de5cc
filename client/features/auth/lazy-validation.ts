import { createSignal, getOwner, runWithOwner } from 'solid-js';

/** What a form needs of `createFormValidation` (client/ui/form-validation.ts). */
export interface FieldChecks {
  error(field: string): string | undefined;
  touch(field: string): void;
  submit(): unknown;
  setServerError(field: string, message: string): void;
}

/**
 * `createFormValidation` for the first screens (the console's login, the APP's sign-in and
 * lock): zod and the API's schemas load in their own chunk, so those first bundles stay small.
 * Until the chunk is there (a moment after the screen shows) a submit goes through and the
 * server, the authority anyway, answers any field error.
 */
export function createLazyValidation(load: () => Promise<() => FieldChecks>) {
  const owner = getOwner();
  const [checks, setChecks] = createSignal<FieldChecks | null>(null);
  load().then(
    (create) => runWithOwner(owner, () => setChecks(() => create())),
    () => undefined,
  );
  return {
    error: (field: string) => checks()?.error(field),
    touch: (field: string) => checks()?.touch(field),
    /** Whether the form may be sent: it passes the schema (or the checks are not loaded yet). */
    submit: (): boolean => {
      const current = checks();
      return current ? current.submit() !== null : true;
    },
    /** Shows the API's error beside `field`; false when the checks are not loaded to show it. */
    setServerError: (field: string, message: string): boolean => {
      const current = checks();
      current?.setServerError(field, message);
      return current !== null;
    },
  };
}
