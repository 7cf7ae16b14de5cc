import { createSignal, For, Show } from 'solid-js';
import { ALL_PERMISSION_KEYS } from '../../../schemas/permissions';
import type { PermissionExplanation, UserRecord } from '../../../schemas/users';
import { t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { permissionLabel } from '../../i18n/permission-label';
import { ApiClientError } from '../../lib/api';
import { explain } from './user.queries';

/** "Why does (or doesn't) this user hold X?": roles, direct grant, or the ancestor that lacks it. */
export function ExplainPanel(props: { user: UserRecord }) {
  const [key, setKey] = createSignal('');
  const [answer, setAnswer] = createSignal<PermissionExplanation | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const ask = async (permission: string) => {
    setKey(permission);
    setAnswer(null);
    setError(null);
    if (!permission) return;
    try {
      setAnswer(await explain(props.user.id, permission));
    } catch (e) {
      setError(e instanceof ApiClientError ? errorText(e) : t('users.explain.failed'));
    }
  };
  return (
    <section class="card" aria-labelledby="explain-title">
      <h3 id="explain-title">{t('users.explain.title')}</h3>
      <p class="muted small">
        {t('users.explain.effective', props.user.effectivePermissions.length)}
      </p>
      <select
        aria-label={t('users.explain.pick')}
        value={key()}
        onChange={(e) => ask(e.currentTarget.value)}
      >
        <option value="">{t('users.explain.choose')}</option>
        <For each={ALL_PERMISSION_KEYS}>
          {(k) => (
            <option value={k}>
              {props.user.effectivePermissions.includes(k) ? '✓ ' : '   '}
              {permissionLabel(k)} ({k})
            </option>
          )}
        </For>
      </select>
      <Show when={answer()}>
        {(a) => (
          <div class="explain" classList={{ 'explain--held': a().held }} aria-live="polite">
            <strong>{a().held ? t('users.explain.held') : t('users.explain.notHeld')}</strong>
            <ul>
              <Show when={a().direct}>
                <li>{t('users.explain.direct')}</li>
              </Show>
              <For each={a().roles}>
                {(r) => <li>{t('users.explain.role', { name: r.name })}</li>}
              </For>
              <Show when={a().removedBy}>
                {(by) => (
                  <li>
                    {by().username === null
                      ? t('users.explain.removedHidden')
                      : t('users.explain.removedBy', { name: by().username ?? '' })}
                  </li>
                )}
              </Show>
              <Show when={!a().direct && a().roles.length === 0}>
                <li>{t('users.explain.neither')}</li>
              </Show>
            </ul>
          </div>
        )}
      </Show>
      <Show when={error()}>
        <div class="alert alert--error">{error()}</div>
      </Show>
    </section>
  );
}
