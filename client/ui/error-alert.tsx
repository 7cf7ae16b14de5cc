import { Show } from 'solid-js';

/** The red alert under a form; renders nothing without a message. */
export function ErrorAlert(props: { message: string | null | undefined }) {
  return (
    <Show when={props.message}>
      <div class="alert alert--error" role="alert">
        {props.message}
      </div>
    </Show>
  );
}
