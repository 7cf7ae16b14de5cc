import { createEffect, createUniqueId, type JSX, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../i18n';
import { Close } from './icons';

/** The first field of the body, else the first control: where focus starts in a dialog. */
function firstFocus(dialog: HTMLElement): HTMLElement | null {
  const field = dialog.querySelector<HTMLElement>(
    '.dialog__body :is(input:not([type=hidden]), select, textarea):not(:disabled)',
  );
  return field ?? dialog.querySelector<HTMLElement>('.dialog__foot button:not(:disabled)');
}

const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled):not([type=hidden]), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab inside the dialog: the native modal makes the page behind inert, but Tab from
 * its last control would still leave for the browser's own controls.
 */
function trapTab(event: KeyboardEvent) {
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLElement;
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.getClientRects().length > 0,
  );
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * A modal dialog on the native <dialog>: focus moves to its first field, stays inside (the page
 * behind is inert), Escape closes, and focus returns to the control that opened it.
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
  let opener: HTMLElement | null = null;
  const titleId = createUniqueId();
  const restoreFocus = () => {
    // The opener may have gone with the change (a deleted row): then focus stays where it is.
    if (opener?.isConnected) opener.focus();
    opener = null;
  };
  createEffect(() => {
    if (!ref) return;
    if (props.open && !ref.open) {
      opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      ref.showModal();
      firstFocus(ref)?.focus();
    }
    if (!props.open && ref.open) {
      ref.close();
      restoreFocus();
    }
  });
  onCleanup(() => {
    if (ref?.open) ref.close();
    restoreFocus();
  });
  // A combobox takes Escape to close its list and prevents the default, which is what closes a
  // <dialog>. Its first Escape belongs to the list; once the list is shut, Escape closes us.
  let escapeWasForList = false;
  const noteEscapeTarget = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    const target = e.target instanceof HTMLElement ? e.target : null;
    escapeWasForList = target?.getAttribute('aria-expanded') === 'true';
  };
  const closeOnSwallowedEscape = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && e.defaultPrevented && !escapeWasForList) props.onClose();
  };
  // Capture: read the list's state before the combobox's own handler shuts it.
  onMount(() => ref?.addEventListener('keydown', noteEscapeTarget, true));
  return (
    <dialog
      ref={ref}
      class="dialog"
      classList={{ 'dialog--wide': props.wide }}
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        trapTab(e);
        closeOnSwallowedEscape(e);
      }}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <Show when={props.open}>
        <header class="dialog__head">
          <h2 id={titleId}>{props.title}</h2>
          <button
            type="button"
            class="icon-button"
            aria-label={t('ui.closeDialog')}
            onClick={() => props.onClose()}
          >
            <Close />
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
        {t('common.cancel')}
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
