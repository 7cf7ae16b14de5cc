import { createSignal, type JSX } from 'solid-js';
import { Eye, EyeOff } from './icons';

interface Props {
  value: string;
  onInput: (value: string) => void;
  invalid?: boolean;
  enterkeyhint?: JSX.HTMLAttributes<HTMLInputElement>['enterkeyhint'];
  ref?: (el: HTMLInputElement) => void;
}

/**
 * "Password" with a button that shows or hides what was typed: the sign-in forms of the
 * console and the APP and the APP's unlock all use it.
 */
export function PasswordField(props: Props) {
  const [show, setShow] = createSignal(false);
  return (
    <label class="field">
      <span class="field__label">Password</span>
      <span class="field__with-action">
        <input
          ref={(el) => props.ref?.(el)}
          name="password"
          type={show() ? 'text' : 'password'}
          autocomplete="current-password"
          enterkeyhint={props.enterkeyhint}
          required
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          aria-invalid={props.invalid ?? false}
        />
        <button
          type="button"
          class="icon-button"
          onClick={() => setShow(!show())}
          aria-label={show() ? 'Hide password' : 'Show password'}
        >
          {show() ? <EyeOff /> : <Eye />}
        </button>
      </span>
    </label>
  );
}
