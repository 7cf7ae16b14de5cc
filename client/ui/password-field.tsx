import { createSignal, createUniqueId, type JSX, Show } from 'solid-js';
import { t } from '../i18n';
import { Eye, EyeOff } from './icons';

interface Props {
  value: string;
  onInput: (value: string) => void;
  /** The field's visible name; "Password" unless given. */
  label?: string;
  /** `current-password` (sign-in, unlock) unless given (`new-password` when choosing one). */
  autocomplete?: 'current-password' | 'new-password';
  name?: string;
  invalid?: boolean;
  /** The error to show under the field (and link to it); marks the field invalid. */
  error?: string | undefined;
  /** Ids of hints (a rule, a strength meter) the input is described by, besides its error. */
  describedBy?: string;
  onBlur?: () => void;
  onFocus?: () => void;
  enterkeyhint?: JSX.HTMLAttributes<HTMLInputElement>['enterkeyhint'];
  ref?: (el: HTMLInputElement) => void;
  /** Extra content under the input (a rule, a strength meter). */
  children?: JSX.Element;
}

/**
 * A password input with a button that shows or hides what was typed: the sign-in forms of the
 * console and the APP, the unlock and the password choice all use it. The label names the input
 * alone (`for`/`id`): the toggle sits beside it, outside the label, so a screen reader hears
 * "Password", not "Password Show password"; the toggle keeps its own name and says whether the
 * password is shown (`aria-pressed`).
 */
export function PasswordField(props: Props) {
  const [show, setShow] = createSignal(false);
  const id = createUniqueId();
  const inputId = `password-${id}`;
  const errorId = `password-${id}-error`;
  const describedBy = () =>
    [props.error ? errorId : '', props.describedBy ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" classList={{ 'field--invalid': Boolean(props.error) }}>
      <label class="field__label" for={inputId}>
        {props.label ?? t('auth.password')}
      </label>
      <span class="field__with-action">
        <input
          ref={(el) => props.ref?.(el)}
          id={inputId}
          name={props.name ?? 'password'}
          type={show() ? 'text' : 'password'}
          autocomplete={props.autocomplete ?? 'current-password'}
          autocapitalize="none"
          spellcheck={false}
          enterkeyhint={props.enterkeyhint}
          required
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          onBlur={() => props.onBlur?.()}
          onFocus={() => props.onFocus?.()}
          aria-invalid={props.invalid ?? Boolean(props.error)}
          aria-describedby={describedBy()}
        />
        <button
          type="button"
          class="icon-button"
          onClick={() => setShow(!show())}
          aria-label={t('auth.showPassword')}
          aria-pressed={show()}
          aria-controls={inputId}
        >
          {show() ? <EyeOff /> : <Eye />}
        </button>
      </span>
      <Show when={props.error}>
        <span class="field__error" id={errorId}>
          {props.error}
        </span>
      </Show>
      {props.children}
    </div>
  );
}
