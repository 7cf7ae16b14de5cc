import { createSignal, For, Show } from 'solid-js';
import { ALL_PERMISSION_KEYS } from '../../../schemas/permissions';
import type { PermissionExplanation, UserRecord } from '../../../schemas/users';
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
      setError(e instanceof ApiClientError ? e.message : 'Could not explain that permission.');
    }
  };
  return (
    <section class="card">
      <h3>Explain a permission</h3>
      <p class="muted small">
        {props.user.effectivePermissions.length} effective permissions. Pick one to see where it
        comes from.
      </p>
      <select
        aria-label="Permission to explain"
        value={key()}
        onChange={(e) => ask(e.currentTarget.value)}
      >
        <option value="">Choose a permission…</option>
        <For each={ALL_PERMISSION_KEYS}>
          {(k) => (
            <option value={k}>
              {props.user.effectivePermissions.includes(k) ? '✓ ' : '   '}
              {k}
            </option>
          )}
        </For>
      </select>
      <Show when={answer()}>
        {(a) => (
          <div class="explain" classList={{ 'explain--held': a().held }} aria-live="polite">
            <strong>{a().held ? 'Held' : 'Not held'}</strong>
            <ul>
              <Show when={a().direct}>
                <li>Granted directly.</li>
              </Show>
              <For each={a().roles}>{(r) => <li>Given by the role “{r.name}”.</li>}</For>
              <Show when={a().removedBy}>
                {(by) => (
                  <li>
                    {by().username === null
                      ? 'Removed because a parent account outside your scope does not hold it.'
                      : `Removed because the parent user “${by().username}” does not hold it.`}
                  </li>
                )}
              </Show>
              <Show when={!a().direct && a().roles.length === 0}>
                <li>Neither granted directly nor given by any of the user’s roles.</li>
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
