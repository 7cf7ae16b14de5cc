import { createEffect, type JSX, onCleanup, Show } from 'solid-js';

/**
 * A modal dialog on the native <dialog>: focus moves in, Escape closes, the page behind is
 * inert.
 */
export function Dialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: JSX.Element;
  footer?: JSX.Element;
  wide?: boolean;
}) {
  let ref: HTMLDialogElement | undefined;
  createEffect(() => {
    if (!ref) return;
    if (props.open && !ref.open) ref.showModal();
    if (!props.open && ref.open) ref.close();
  });
  onCleanup(() => ref?.open && ref.close());
  return (
    <dialog
      ref={ref}
      class="dialog"
      classList={{ 'dialog--wide': props.wide }}
      aria-label={props.title}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <Show when={props.open}>
        <header class="dialog__head">
          <h2>{props.title}</h2>
          <button
            type="button"
            class="icon-button"
            aria-label="Close"
            onClick={() => props.onClose()}
          >
            ✕
          </button>
        </header>
        <div class="dialog__body">{props.children}</div>
        <Show when={props.footer}>
          <footer class="dialog__foot">{props.footer}</footer>
        </Show>
      </Show>
    </dialog>
  );
}

/** The usual footer: Cancel, and one primary (or danger) action that shows its progress. */
export function DialogActions(props: {
  label: string;
  busy?: boolean;
  disabled?: boolean;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <>
      <button type="button" class="button" onClick={() => props.onCancel()}>
        Cancel
      </button>
      <button
        type="button"
        class="button"
        classList={{ 'button--danger': props.danger, 'button--primary': !props.danger }}
        disabled={props.busy || props.disabled}
        onClick={() => props.onConfirm()}
      >
        {props.label}
      </button>
    </>
  );
}

/** Asks before a destructive action; the confirm button says exactly what will happen. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  /** The action cannot be taken now (the body says why). */
  disabled?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children: JSX.Element;
}) {
  return (
    <Dialog
      open={props.open}
      title={props.title}
      onClose={props.onClose}
      footer={
        <DialogActions
          label={props.confirmLabel}
          busy={props.busy}
          disabled={props.disabled}
          danger={props.danger}
          onConfirm={props.onConfirm}
          onCancel={props.onClose}
        />
      }
    >
      {props.children}
    </Dialog>
  );
}
