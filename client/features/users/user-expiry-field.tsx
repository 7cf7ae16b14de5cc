import { Show } from 'solid-js';
import { formatInstant, t } from '../../i18n';
import { fromDateInput } from '../../ui/format';
import { AlertCircle } from '../../ui/icons';
import { controlAria } from './form-field';
import { EARLIEST_DAY } from './user-expiry-rules';
import type { createUserFormChecks } from './user-form-checks';
import type { FormState } from './user-form-state';

type Checks = ReturnType<typeof createUserFormChecks>;

const dayText = (day: string) => {
  const iso = fromDateInput(day);
  return iso ? formatInstant(iso) : day;
};

/**
 * The expiration date: the allowed range up front (the editor's own or the parent's limit),
 * the consequence of a past day ("expires immediately") before saving, and a box the admin
 * must tick to save it so.
 */
export function UserExpiryField(props: {
  form: FormState;
  set: <K extends keyof FormState>(key: K, value: FormState[K]) => void;
  checks: Checks;
  parentName: string | undefined;
}) {
  const id = 'user-expiry';
  const error = () => props.checks.expiryError() ?? props.checks.v.error('expiresAt');
  const hint = () => {
    const { day, whose } = props.checks.limit();
    const from = dayText(EARLIEST_DAY);
    if (whose === 'parent') {
      return t('users.expiryHintParent', {
        from,
        date: dayText(day),
        name: props.parentName ?? '',
      });
    }
    if (whose === 'own') return t('users.expiryHintOwn', { from, date: dayText(day) });
    return t('users.expiryHintAny', { from, date: dayText(day) });
  };
  return (
    <div class="field field--wide" classList={{ 'field--invalid': !!error() }}>
      <label class="field__label" for={id}>
        {t('users.expiry')}
      </label>
      <div class="inline">
        <input
          {...controlAria(id, error(), true)}
          name="expiresOn"
          type="date"
          max={props.checks.limit().day}
          value={props.form.expiresOn}
          disabled={props.form.never}
          onInput={(e) => props.set('expiresOn', e.currentTarget.value)}
          onBlur={() => props.checks.v.touch('expiresAt')}
        />
        <label class="check">
          <input
            type="checkbox"
            name="neverExpires"
            checked={props.form.never}
            onChange={(e) => props.set('never', e.currentTarget.checked)}
          />{' '}
          {t('users.never')}
        </label>
      </div>
      <Show
        when={error()}
        fallback={
          <span class="field__hint" id={`${id}-hint`}>
            {hint()}
          </span>
        }
      >
        <span class="field__error" id={`${id}-error`}>
          {error()}
        </span>
      </Show>
      <div aria-live="polite">
        <Show when={props.checks.expiresNow()}>
          <div class="alert alert--warning expiry-now">
            <p>
              <AlertCircle /> {t('users.expiresNow', { date: dayText(props.form.expiresOn) })}
            </p>
            <label class="check">
              <input
                type="checkbox"
                name="confirmExpired"
                checked={props.checks.confirmedPast()}
                aria-invalid={props.checks.confirmError() ? true : undefined}
                aria-describedby={props.checks.confirmError() ? `${id}-confirm-error` : undefined}
                onChange={(e) => props.checks.setConfirmedPast(e.currentTarget.checked)}
              />{' '}
              {t('users.confirmExpired')}
            </label>
            <Show when={props.checks.confirmError()}>
              <span class="field__error" id={`${id}-confirm-error`}>
                {props.checks.confirmError()}
              </span>
            </Show>
          </div>
        </Show>
      </div>
    </div>
  );
}
