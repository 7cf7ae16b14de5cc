import { PASSWORD_MIN_LENGTH } from '../../../schemas/password-rule';
import { t } from '../../i18n';
import { PasswordStrength, preloadPasswordEstimator } from '../../ui/password-strength';
import { controlAria, FormField } from './form-field';
import type { createUserFormChecks } from './user-form-checks';
import type { FormState } from './user-form-state';

type Checks = ReturnType<typeof createUserFormChecks>;

/** Who the account is: username, display name, password, email and phone. */
export function UserIdentityFields(props: {
  form: FormState;
  set: <K extends keyof FormState>(key: K, value: FormState[K]) => void;
  checks: Checks;
  isEdit: boolean;
}) {
  const err = (field: string) => props.checks.v.error(field);
  const text = (field: 'username' | 'displayName' | 'email' | 'phone', type = 'text') => ({
    name: field,
    type,
    value: props.form[field],
    onInput: (e: InputEvent & { currentTarget: HTMLInputElement }) =>
      props.set(field, e.currentTarget.value),
    onBlur: () => props.checks.v.touch(field),
  });
  return (
    <>
      <FormField
        id="user-username"
        label={t('users.username')}
        error={err('username')}
        hint={t('users.usernameHint')}
      >
        <input
          {...text('username')}
          {...controlAria('user-username', err('username'), true)}
          autocomplete="off"
          required
        />
      </FormField>
      <FormField id="user-displayName" label={t('users.displayName')} error={err('displayName')}>
        <input
          {...text('displayName')}
          {...controlAria('user-displayName', err('displayName'))}
          required
        />
      </FormField>
      {/* The meter's live verdict stays out of the input's label; the rule shows up front. */}
      <FormField
        id="user-password"
        label={props.isEdit ? t('users.resetPassword') : t('users.initialPassword')}
        error={err('password')}
        hint={t('users.passwordRule', { n: PASSWORD_MIN_LENGTH })}
      >
        <input
          {...controlAria('user-password', err('password'), true)}
          name="password"
          type="password"
          autocomplete="new-password"
          value={props.form.password}
          onFocus={preloadPasswordEstimator}
          onInput={(e) => props.set('password', e.currentTarget.value)}
          onBlur={() => props.checks.v.touch('password')}
        />
        <PasswordStrength
          id="user-password-strength"
          password={props.form.password}
          problemShown={!!err('password')}
          context={{
            username: props.form.username,
            email: props.form.email,
            displayName: props.form.displayName,
          }}
        />
      </FormField>
      <FormField id="user-email" label={t('users.email')} error={err('email')}>
        <input {...text('email', 'email')} {...controlAria('user-email', err('email'))} />
      </FormField>
      <FormField id="user-phone" label={t('users.phone')} error={err('phone')}>
        <input {...text('phone', 'tel')} {...controlAria('user-phone', err('phone'))} />
      </FormField>
    </>
  );
}
