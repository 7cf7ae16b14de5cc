import { A, createAsync } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { t } from '../../i18n';
import { getSubUsers } from './user.queries';

/** The account's direct sub-users, each with how many more sit below it. */
export function UserSubUsers(props: { userId: string }) {
  const subs = createAsync(() => getSubUsers(props.userId));
  return (
    <section class="card" aria-labelledby="sub-users-title">
      <h3 id="sub-users-title">{t('users.subUsers')}</h3>
      <Show
        when={(subs()?.users.length ?? 0) > 0}
        fallback={<p class="muted">{t('users.noSubUsers')}</p>}
      >
        <ul class="link-list">
          <For each={subs()?.users}>
            {(s) => (
              <li>
                <A href={`/users/${s.id}`}>{s.displayName}</A>{' '}
                <span class="muted small">{s.username}</span>
                <Show when={s.subUserCount > 0}>
                  <span class="muted small"> · {t('users.below', s.subUserCount)}</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
