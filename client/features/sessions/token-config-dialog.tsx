import { revalidate } from '@solidjs/router';
import { createEffect, createSignal, on, Show } from 'solid-js';
import { APP_LOCK_LIMITS } from '../../../schemas/mfa-config';
import type { TokenConfig } from '../../../schemas/users';
import { api, unwrap } from '../../lib/api';
import { useMe } from '../../lib/use-me';
import { createAction } from '../../ui/action';
import { Dialog, DialogActions } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { plural } from '../../ui/format';
import { toast } from '../../ui/toast';
import { getUser } from '../users/user.queries';

const UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
const LOCK_RANGE = `Use whole minutes from ${APP_LOCK_LIMITS.min} to ${APP_LOCK_LIMITS.max} (one day).`;
type Unit = keyof typeof UNITS;

function split(minutes: number): { amount: number; unit: Unit } {
  if (minutes % 1440 === 0) return { amount: minutes / 1440, unit: 'days' };
  if (minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

/**
 * "Token configuration" for one user: long-term validity, exclusive login, expiration time, and
 * how long the APP may sit idle or hidden before it locks.
 */
export function TokenConfigDialog(props: {
  user: { id: string; displayName: string } | null;
  onClose: () => void;
}) {
  const { can } = useMe();
  const [config, setConfig] = createSignal<TokenConfig | null>(null);
  const [amount, setAmount] = createSignal(12);
  const [unit, setUnit] = createSignal<Unit>('hours');
  const save = createAction(async () => {
    const u = props.user;
    const c = config();
    if (!u || !c) return;
    const lock = c.appLockMinutes;
    // The number field lets anything through; say what is wrong before the server does.
    if (!Number.isInteger(lock) || lock < APP_LOCK_LIMITS.min || lock > APP_LOCK_LIMITS.max) {
      save.setError({ message: LOCK_RANGE, field: 'appLockMinutes' });
      return;
    }
    const res = await unwrap(
      api.users[':id']['token-config'].$put({
        param: { id: u.id },
        json: { ...c, ttlMinutes: Math.round(amount() * UNITS[unit()]) },
      }),
    );
    toast(
      res.endedSessions > 0
        ? `Token configuration saved; ${plural(res.endedSessions, 'other session')} ended.`
        : 'Token configuration saved.',
    );
    await revalidate(['user', 'sessions']);
    props.onClose();
  }, 'Saving failed.');

  createEffect(
    on(
      () => props.user,
      async (u) => {
        setConfig(null);
        save.setError(null);
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

  return (
    <Dialog
      open={props.user !== null}
      title={`Token configuration — ${props.user?.displayName ?? ''}`}
      onClose={props.onClose}
      footer={
        <DialogActions
          label={save.busy() ? 'Saving…' : 'Save Configuration'}
          disabled={save.busy() || !config()}
          onConfirm={save.run}
          onCancel={props.onClose}
        />
      }
    >
      <Show when={config()} fallback={<p class="muted">Loading…</p>}>
        {(c) => (
          <div class="form-grid form-grid--single">
            <label class="switch-row">
              <span>
                <strong>Long-term Validity</strong>
                <span class="muted small">
                  Tokens do not expire by time; they still end at sign-out, revocation or account
                  expiry.
                  <Show when={!can('function.tokens.long_term')}>
                    {' '}
                    Granting it needs the permission “Grant long-term tokens”.
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
                <strong>Exclusive Login</strong>
                <span class="muted small">
                  One live session: a new sign-in ends the others, and their screens are told at
                  once.
                </span>
              </span>
              <input
                type="checkbox"
                role="switch"
                checked={c().exclusiveLogin}
                aria-checked={c().exclusiveLogin}
                onChange={(e) => set({ exclusiveLogin: e.currentTarget.checked })}
              />
            </label>
            <div
              class="field"
              classList={{ 'field--invalid': save.error()?.field === 'ttlMinutes' }}
            >
              <span class="field__label">Expiration Time</span>
              <div class="inline">
                <input
                  type="number"
                  min="1"
                  aria-label="Expiration time"
                  value={amount()}
                  disabled={c().longTerm}
                  onInput={(e) => setAmount(Number(e.currentTarget.value))}
                />
                <select
                  aria-label="Unit"
                  disabled={c().longTerm}
                  onChange={(e) => setUnit(e.currentTarget.value as Unit)}
                >
                  <option value="minutes" selected={unit() === 'minutes'}>
                    minutes
                  </option>
                  <option value="hours" selected={unit() === 'hours'}>
                    hours
                  </option>
                  <option value="days" selected={unit() === 'days'}>
                    days
                  </option>
                </select>
              </div>
              <span class="field__hint">
                How long a token issued at sign-in stays valid. Applies to new sign-ins.
              </span>
            </div>
            <div
              class="field"
              classList={{ 'field--invalid': save.error()?.field === 'appLockMinutes' }}
            >
              <label class="field__label" for="token-app-lock">
                Lock the APP after
              </label>
              <div class="inline">
                <input
                  id="token-app-lock"
                  type="number"
                  min={APP_LOCK_LIMITS.min}
                  max={APP_LOCK_LIMITS.max}
                  step="1"
                  inputmode="numeric"
                  aria-describedby="token-app-lock-hint"
                  aria-invalid={save.error()?.field === 'appLockMinutes'}
                  value={c().appLockMinutes}
                  onInput={(e) => {
                    set({ appLockMinutes: e.currentTarget.valueAsNumber });
                    if (save.error()?.field === 'appLockMinutes') save.setError(null);
                  }}
                />
                <span class="inline__unit">minutes idle or hidden</span>
              </div>
              <span class="field__hint" id="token-app-lock-hint">
                Left alone or in the background this long, the APP locks and asks for its unlock
                factor. From {APP_LOCK_LIMITS.min} to {APP_LOCK_LIMITS.max} minutes;{' '}
                {APP_LOCK_LIMITS.default} by default.
              </span>
            </div>
            <ErrorAlert message={save.error()?.message} />
          </div>
        )}
      </Show>
    </Dialog>
  );
}
