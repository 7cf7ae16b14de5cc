import { createEffect, createSignal, on, Show } from 'solid-js';
import { APP_LOCK_LIMITS } from '../../../schemas/mfa-config';
import { type TokenConfig, type TokenConfigInput, tokenConfigSchema } from '../../../schemas/users';
import { t } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { useMe } from '../../lib/use-me';
import { createMutation } from '../../ui/action';
import { Dialog, DialogActions } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { createFormValidation } from '../../ui/form-validation';
import { toast } from '../../ui/toast';
import { getUser } from '../users/user.queries';

const UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
type Unit = keyof typeof UNITS;

function split(minutes: number): { amount: number; unit: Unit } {
  if (minutes % 1440 === 0) return { amount: minutes / 1440, unit: 'days' };
  if (minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

/**
 * "Token configuration" for one user: long-term validity, exclusive login, expiration time, and
 * how long the APP may sit idle or hidden before it locks. Checked with the API's schema before
 * it is sent: every error beside its field, gone as soon as the value is right.
 */
export function TokenConfigDialog(props: {
  user: { id: string; displayName: string } | null;
  onClose: () => void;
}) {
  const { can } = useMe();
  const [config, setConfig] = createSignal<TokenConfig | null>(null);
  const [amount, setAmount] = createSignal(12);
  const [unit, setUnit] = createSignal<Unit>('hours');
  const body = () => {
    const c = config();
    return c ? { ...c, ttlMinutes: Math.round(amount() * UNITS[unit()]) } : ({} as TokenConfig);
  };
  const v = createFormValidation(tokenConfigSchema, body);
  const save = createMutation(async (json: TokenConfigInput) => {
    const u = props.user;
    if (!u) return;
    const res = await unwrap(api.users[':id']['token-config'].$put({ param: { id: u.id }, json }));
    toast(
      res.endedSessions > 0
        ? t('sessions.token.savedEnded', res.endedSessions)
        : t('sessions.token.saved'),
    );
    props.onClose();
  }, t('sessions.token.failed'));
  const submit = async () => {
    const json = v.submit();
    if (!json) return;
    await save.run(json);
    const err = save.error();
    if (err?.field) v.setServerError(err.field, err.message);
  };

  createEffect(
    on(
      () => props.user,
      async (u) => {
        setConfig(null);
        save.setError(null);
        v.reset();
        if (!u) return;
        const full = await getUser(u.id);
        setConfig(full.tokenConfig);
        const s = split(full.tokenConfig.ttlMinutes);
        setAmount(s.amount);
        setUnit(s.unit);
      },
    ),
  );

  const set = (patch: Partial<TokenConfig>) => setConfig((c) => (c ? { ...c, ...patch } : c));
  const described = (id: string, field: string) => (v.error(field) ? `${id}-error` : `${id}-hint`);

  return (
    <Dialog
      open={props.user !== null}
      title={t('sessions.token.title', { name: props.user?.displayName ?? '' })}
      onClose={props.onClose}
      footer={
        <DialogActions
          label={save.busy() ? t('sessions.token.saving') : t('sessions.token.save')}
          disabled={save.busy() || !config()}
          onConfirm={submit}
          onCancel={props.onClose}
        />
      }
    >
      <Show when={config()} fallback={<p class="muted">{t('sessions.token.loading')}</p>}>
        {(c) => (
          <div class="form-grid form-grid--single">
            <label class="switch-row">
              <span>
                <strong>{t('sessions.token.longTerm')}</strong>
                <span class="muted small">
                  {t('sessions.token.longTermHint')}
                  <Show when={!can('function.tokens.long_term')}>
                    {' '}
                    {t('sessions.token.longTermNeeds')}
                  </Show>
                </span>
              </span>
              <input
                type="checkbox"
                role="switch"
                checked={c().longTerm}
                aria-checked={c().longTerm}
                // Granting long-term tokens is its own permission; taking them away is not.
                disabled={!c().longTerm && !can('function.tokens.long_term')}
                onChange={(e) => set({ longTerm: e.currentTarget.checked })}
              />
            </label>
            <label class="switch-row">
              <span>
                <strong>{t('sessions.token.exclusive')}</strong>
                <span class="muted small">{t('sessions.token.exclusiveHint')}</span>
              </span>
              <input
                type="checkbox"
                role="switch"
                checked={c().exclusiveLogin}
                aria-checked={c().exclusiveLogin}
                onChange={(e) => set({ exclusiveLogin: e.currentTarget.checked })}
              />
            </label>
            <div class="field" classList={{ 'field--invalid': !!v.error('ttlMinutes') }}>
              <label class="field__label" for="token-ttl">
                {t('sessions.token.expiration')}
              </label>
              <div class="inline">
                <input
                  id="token-ttl"
                  type="number"
                  min="1"
                  value={amount()}
                  disabled={c().longTerm}
                  aria-invalid={v.error('ttlMinutes') ? true : undefined}
                  aria-describedby={described('token-ttl', 'ttlMinutes')}
                  onInput={(e) => setAmount(e.currentTarget.valueAsNumber)}
                  onBlur={() => v.touch('ttlMinutes')}
                />
                <select
                  aria-label={t('sessions.token.unit')}
                  disabled={c().longTerm}
                  onChange={(e) => setUnit(e.currentTarget.value as Unit)}
                >
                  <UnitOptions unit={unit()} />
                </select>
              </div>
              <Show
                when={v.error('ttlMinutes')}
                fallback={
                  <span class="field__hint" id="token-ttl-hint">
                    {t('sessions.token.expirationHint')}
                  </span>
                }
              >
                <span class="field__error" id="token-ttl-error">
                  {v.error('ttlMinutes')}
                </span>
              </Show>
            </div>
            <div class="field" classList={{ 'field--invalid': !!v.error('appLockMinutes') }}>
              <label class="field__label" for="token-app-lock">
                {t('sessions.token.lockAfter')}
              </label>
              <div class="inline">
                <input
                  id="token-app-lock"
                  type="number"
                  min={APP_LOCK_LIMITS.min}
                  max={APP_LOCK_LIMITS.max}
                  step="1"
                  inputmode="numeric"
                  aria-describedby={`${described('token-app-lock', 'appLockMinutes')} token-app-lock-hint`}
                  aria-invalid={v.error('appLockMinutes') ? true : undefined}
                  value={c().appLockMinutes}
                  onInput={(e) => set({ appLockMinutes: e.currentTarget.valueAsNumber })}
                  onBlur={() => v.touch('appLockMinutes')}
                />
                <span class="inline__unit">{t('sessions.token.lockUnit')}</span>
              </div>
              <Show when={v.error('appLockMinutes')}>
                <span class="field__error" id="token-app-lock-error">
                  {v.error('appLockMinutes')}
                </span>
              </Show>
              {/* The range stays shown up front, error or not. */}
              <span class="field__hint" id="token-app-lock-hint">
                {t('sessions.token.lockHint', {
                  min: APP_LOCK_LIMITS.min,
                  max: APP_LOCK_LIMITS.max,
                  def: APP_LOCK_LIMITS.default,
                })}
              </span>
            </div>
            <ErrorAlert message={save.error()?.field ? undefined : save.error()?.message} />
          </div>
        )}
      </Show>
    </Dialog>
  );
}

/** The unit options, the current one selected. */
function UnitOptions(props: { unit: Unit }) {
  return (
    <>
      <option value="minutes" selected={props.unit === 'minutes'}>
        {t('sessions.token.minutes')}
      </option>
      <option value="hours" selected={props.unit === 'hours'}>
        {t('sessions.token.hours')}
      </option>
      <option value="days" selected={props.unit === 'days'}>
        {t('sessions.token.days')}
      </option>
    </>
  );
}
