import { For, type JSX, Show } from 'solid-js';
import type { AppFactor, MfaConfig } from '../../../schemas/mfa-config';
import { t } from '../../i18n';
import { Info, Key, Mail, ScanFace } from '../../ui/icons';
import { EMAIL_MISSING, FACTOR_SLOTS, type FactorSlot, factorBlocker } from './mfa-factor-options';
import './mfa-factors.css';

const ICONS: Record<AppFactor, () => JSX.Element> = {
  password: () => <Key />,
  email: () => <Mail />,
  face: () => <ScanFace />,
};

/** A blocker (see `factorBlocker`) in the reader's language. */
const blockerText = (reason: string) =>
  reason === EMAIL_MISSING ? t('mfa.emailMissing') : t('mfa.faceMissing');

/**
 * "Sign-in verification" of the user form: the factor for WEB login, APP login and APP unlock.
 * Options the account cannot use yet stay visible, disabled, with the reason; the email ones
 * follow the form's email field as the admin types.
 */
export function MfaFactorSection(props: {
  value: MfaConfig;
  onChange: (next: MfaConfig) => void;
  /** The email as it stands in the form (not as stored). */
  email: string;
  editable: boolean;
  /** Why the section is read-only, when it is. */
  readOnlyReason?: string | undefined;
  error?: { field?: string | undefined; message: string } | null | undefined;
  /** The account has an enrolled face (face recognition needs one). */
  faceEnrolled: boolean;
}) {
  const blocker = (factor: AppFactor) =>
    factorBlocker(factor, { email: props.email, faceEnrolled: props.faceEnrolled });
  const slotError = (slot: FactorSlot) =>
    props.error?.field === slot ? props.error.message : undefined;

  return (
    <section class="factors" aria-labelledby="factors-title">
      <h3 class="form__section" id="factors-title">
        {t('mfa.title')}
      </h3>
      <p class="muted small factors__intro">{t('mfa.intro')}</p>
      <Show when={!props.editable && props.readOnlyReason}>
        <p class="factors__readonly">
          <Info /> {props.readOnlyReason}
        </p>
      </Show>
      <For each={FACTOR_SLOTS}>
        {(s) => {
          const chosen = () => props.value[s.slot];
          // A stored choice the account can no longer use (its email was just cleared) stays
          // selected and says why, rather than silently becoming the password.
          const stranded = () => blocker(chosen());
          return (
            <fieldset
              class="factor-slot"
              classList={{ 'factor-slot--invalid': !!slotError(s.slot) || !!stranded() }}
              disabled={!props.editable}
              aria-describedby={`factor-${s.slot}-hint`}
            >
              <legend class="factor-slot__legend">{t(`mfa.slots.${s.slot}.label`)}</legend>
              <span class="factor-slot__hint muted small" id={`factor-${s.slot}-hint`}>
                {t(`mfa.slots.${s.slot}.hint`)}
              </span>
              <div class="factor-slot__choices">
                <For each={s.factors}>
                  {(factor) => {
                    const id = `factor-${s.slot}-${factor}`;
                    const reason = () => blocker(factor);
                    const checked = () => chosen() === factor;
                    return (
                      <div
                        class="factor-choice"
                        classList={{
                          'factor-choice--on': checked(),
                          'factor-choice--off': !!reason() && !checked(),
                        }}
                      >
                        <input
                          type="radio"
                          id={id}
                          name={`factor-${s.slot}`}
                          value={factor}
                          checked={checked()}
                          disabled={!!reason() && !checked()}
                          aria-describedby={`${id}-note`}
                          onChange={() => props.onChange({ ...props.value, [s.slot]: factor })}
                        />
                        <span class="factor-choice__icon">{ICONS[factor]()}</span>
                        <label class="factor-choice__label" for={id}>
                          {t(`mfa.factors.${factor}`)}
                        </label>
                        <span
                          class="factor-choice__note"
                          classList={{ 'factor-choice__note--reason': !!reason() }}
                          id={`${id}-note`}
                        >
                          {reason() ? blockerText(reason() ?? '') : t(`mfa.descriptions.${factor}`)}
                        </span>
                      </div>
                    );
                  }}
                </For>
              </div>
              <Show when={slotError(s.slot) ?? stranded()}>
                {(message) => (
                  <span class="field__error factor-slot__error" role="alert">
                    {slotError(s.slot)
                      ? message()
                      : t('mfa.orAnother', { reason: blockerText(message()) })}
                  </span>
                )}
              </Show>
            </fieldset>
          );
        }}
      </For>
    </section>
  );
}
