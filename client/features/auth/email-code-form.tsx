import { createEffect, createMemo, createSignal, on, onMount, Show, untrack } from 'solid-js';
import type { CodeSent } from '../../../schemas/mfa';
import { EMAIL_CODE_RULES } from '../../../schemas/mfa-rules';
import { locale, t } from '../../i18n';
import { createCountdown, formatCountdown } from '../../ui/countdown';
import { LiveErrorAlert } from '../../ui/error-alert';
import { Mail } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { describedBy, FieldError } from './field-error';
import { createLazyValidation } from './lazy-validation';

export interface EmailCodeFormProps {
  /** The code that was mailed: where to (masked), until when it works, when to offer a resend. */
  sent: CodeSent;
  onVerify: (code: string) => void;
  onResend: () => void;
  /** The last failure, already worded (see `codeErrorMessage`); announced at once. */
  error?: string | null | undefined;
  busy?: boolean;
  /** The submit button: "Verify" when signing in, "Unlock" on the lock screen. */
  submitLabel?: string;
  /** A later resend time, on this device's clock (see `resendAfterFrom`): a refused resend. */
  resendAfter?: string | undefined;
}

const DIGITS = EMAIL_CODE_RULES.digits;
const LIFETIME_MS = EMAIL_CODE_RULES.lifetimeMinutes * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The code's times on this device's clock, which may be minutes off the server's: the server
 * stamped `expiresAt` one lifetime after it sent the code, so the cooldown is measured on the
 * server's own clock and counted from when the code arrived here.
 */
function localTimes(sent: CodeSent): { resendAfter: string; expiresAt: string } {
  const sentAt = Date.parse(sent.expiresAt) - LIFETIME_MS;
  const cooldown = Math.min(Math.max(Date.parse(sent.resendAfter) - sentAt, 0), LIFETIME_MS);
  const arrived = Date.now();
  return { resendAfter: iso(arrived + cooldown), expiresAt: iso(arrived + LIFETIME_MS) };
}
const timeOf = (iso: string) =>
  new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(new Date(iso));

/**
 * Entering an emailed code: one numeric field the phone can fill from the message
 * (`autocomplete="one-time-code"`), the masked address, when the code stops working, and a
 * resend button that counts down to when another code may be asked for. A complete code is
 * submitted by itself. Shared by the APP's sign-in and unlock and the console's email login.
 */
export function EmailCodeForm(props: EmailCodeFormProps) {
  const [code, setCode] = createSignal('');
  let input: HTMLInputElement | undefined;
  // The API's own rule for a code (6 digits), said beside the field once it was left.
  const checks = createLazyValidation(() =>
    import('./sign-in-checks').then(
      (m) => () => m.codeChecks(() => ({ challengeId: props.sent.challengeId, code: code() })),
    ),
  );
  const codeError = () => checks.error('code');
  const local = createMemo(() => localTimes(props.sent));
  const resendIn = createCountdown(() => props.resendAfter ?? local().resendAfter);
  const expiresIn = createCountdown(() => local().expiresAt);
  const expired = () => expiresIn() === 0;

  onMount(() => input?.focus());
  // A new code (resend) starts an empty field; a refused one is selected for retyping.
  createEffect(
    on(
      () => props.sent.expiresAt,
      () => {
        setCode('');
        input?.focus();
      },
      { defer: true },
    ),
  );
  createEffect(
    on(
      () => props.error,
      (error) => {
        if (error) input?.select();
      },
    ),
  );

  const submit = (event?: SubmitEvent) => {
    event?.preventDefault();
    if (props.busy || code().length !== DIGITS) {
      input?.focus();
      return;
    }
    props.onVerify(code());
  };
  const onInput = (value: string) => {
    // Pasted codes come as "123 456" or "123-456"; keep the digits.
    const digits = value.replace(/\D/g, '').slice(0, DIGITS);
    setCode(digits);
    if (input && input.value !== digits) input.value = digits;
    if (digits.length === DIGITS && !props.busy) props.onVerify(digits);
  };

  // The live region speaks when the wait starts and when it ends, not on every tick.
  const waiting = createMemo(() => resendIn() > 0);
  const announcement = createMemo(() =>
    waiting()
      ? t('auth.code.waitAnnouncement', untrack(resendIn))
      : t('auth.code.readyAnnouncement'),
  );

  return (
    <form class="code-form" onSubmit={submit} novalidate>
      <p class="code-form__sent" id="code-form-sent">
        <Mail class="code-form__icon" />
        <span>
          {t('auth.code.sent', { digits: String(DIGITS) })}{' '}
          <strong>{props.sent.maskedEmail}</strong>
          {t('auth.code.sentEnd')}
          {locale() === 'zh-CN' ? '' : ' '}
          <Show when={!expired()} fallback={t('auth.code.expired')}>
            {t('auth.code.worksUntil', { time: timeOf(local().expiresAt) })}
          </Show>
        </span>
      </p>
      <LiveErrorAlert message={props.error} />
      <div class="field" classList={{ 'field--invalid': Boolean(codeError()) }}>
        <label class="field__label" for="code-form-code">
          {t('auth.code.label')}
        </label>
        <input
          ref={input}
          id="code-form-code"
          class="code-input"
          name="code"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9]*"
          maxlength={DIGITS + 2}
          placeholder={'•'.repeat(DIGITS)}
          spellcheck={false}
          required
          value={code()}
          onInput={(e) => onInput(e.currentTarget.value)}
          onBlur={() => {
            // An empty field left alone is no mistake yet; a started code is.
            if (code()) checks.touch('code');
          }}
          aria-invalid={Boolean(props.error) || Boolean(codeError())}
          aria-describedby={describedBy(codeError(), 'code-form-code-error', 'code-form-sent')}
        />
        <FieldError id="code-form-code-error" message={codeError()} />
      </div>
      <button
        class="button button--primary button--block"
        type="submit"
        disabled={props.busy || code().length !== DIGITS}
      >
        <Show when={props.busy} fallback={props.submitLabel ?? t('auth.code.verify')}>
          <Spinner label={t('auth.code.checkingLabel')} /> {t('auth.code.checking')}
        </Show>
      </button>
      <div class="code-form__resend">
        <span class="muted">{t('auth.code.didntGetIt')}</span>
        <button
          type="button"
          class="link-button"
          disabled={props.busy || resendIn() > 0}
          onClick={() => props.onResend()}
        >
          <Show when={resendIn() > 0} fallback={t('auth.code.sendNew')}>
            <span class="code-form__timer">
              {t('auth.code.sendNewIn', { time: formatCountdown(resendIn()) })}
            </span>
          </Show>
        </button>
      </div>
      <span class="sr-only" aria-live="polite">
        {announcement()}
      </span>
    </form>
  );
}
