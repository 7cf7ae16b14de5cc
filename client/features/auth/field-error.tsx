import { Show } from 'solid-js';

/** The error under a field, with the id its input's `aria-describedby` names. */
export function FieldError(props: { id: string; message: string | undefined }) {
  return (
    <Show when={props.message}>
      <span class="field__error" id={props.id}>
        {props.message}
      </span>
    </Show>
  );
}

/** `aria-describedby` of an input: its error's id while it has one, then its hints. */
export const describedBy = (error: string | undefined, errorId: string, ...hints: string[]) =>
  [error ? errorId : '', ...hints].filter(Boolean).join(' ') || undefined;
