import { Show } from 'solid-js';
import { AlertCircle } from './icons';

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

/**
 * The same alert, announced as it appears: the live region stays in the page (a region added
 * together with its text is not reliably read out), the alert inside it only with a message.
 */
export function LiveErrorAlert(props: { message: string | null | undefined }) {
  return (
    <div aria-live="assertive">
      <Show when={props.message}>
        <div class="alert alert--error" role="alert">
          <AlertCircle /> <span>{props.message}</span>
        </div>
      </Show>
    </div>
  );
}
