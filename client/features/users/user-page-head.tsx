import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { UserRecord } from '../../../schemas/users';
import { t } from '../../i18n';
import { useMe } from '../../lib/use-me';
import { formatDate } from '../../ui/format';
import { Ban, Calendar, Key, Trash, UserPlus } from '../../ui/icons';

export type UserDialog = 'expiry' | 'token' | 'status' | 'delete';

/** Breadcrumb, title, one line about the account, and the actions on it (an edit). */
export function UserPageHead(props: {
  user: UserRecord | undefined;
  parent: UserRecord | undefined;
  companyId: string;
  companyName: string | undefined;
  onOpen: (dialog: UserDialog) => void;
}) {
  const { me, can } = useMe();
  const isSelf = () => props.user !== undefined && props.user.id === me()?.user.id;
  return (
    <>
      <nav class="breadcrumb" aria-label={t('users.breadcrumb')}>
        <Show when={props.companyId}>
          <A href={`/companies/${props.companyId}`}>{props.companyName ?? t('users.company')}</A>
          <span aria-hidden="true">/</span>
        </Show>
        <span>{props.user ? props.user.username : t('users.newUser')}</span>
      </nav>
      <div class="page__head">
        <div>
          <h1>
            {props.user
              ? props.user.displayName
              : props.parent
                ? t('users.newSubUserOf', { name: props.parent.displayName })
                : t('users.newUser')}
          </h1>
          <p class="muted">
            <Show
              when={props.user}
              fallback={props.parent ? t('users.introSubUser') : t('users.introNewUser')}
            >
              {(u) => (
                <>
                  {u().username} ·{' '}
                  {u().expiresAt
                    ? t('users.expiresOn', { date: formatDate(u().expiresAt) })
                    : t('users.neverExpires')}
                  <Show when={props.parent}>
                    {' · '}
                    {t('users.subUserOf', { name: props.parent?.username ?? '' })}
                  </Show>
                  <Show when={u().status === 'disabled'}>
                    {' '}
                    <span class="tag tag--danger">{t('users.disabled')}</span>
                  </Show>
                </>
              )}
            </Show>
          </p>
        </div>
        <Show when={props.user}>
          {(u) => (
            <div class="toolbar">
              <Show when={can('function.users.create')}>
                <A
                  class="button"
                  href={`/users/new?companyId=${props.companyId}&parentUserId=${u().id}`}
                >
                  <UserPlus /> {t('users.newSubUser')}
                </A>
              </Show>
              <Show when={can('function.users.expiry.edit') && !isSelf()}>
                <button type="button" class="button" onClick={() => props.onOpen('expiry')}>
                  <Calendar /> {t('users.expiryButton')}
                </button>
              </Show>
              <Show when={can('function.tokens.configure') && !isSelf()}>
                <button type="button" class="button" onClick={() => props.onOpen('token')}>
                  <Key /> {t('users.tokenRulesButton')}
                </button>
              </Show>
              <Show when={can('function.users.edit') && !isSelf()}>
                <button type="button" class="button" onClick={() => props.onOpen('status')}>
                  <Ban /> {u().status === 'disabled' ? t('users.enable') : t('users.disable')}
                </button>
              </Show>
              <Show when={can('function.users.delete') && !isSelf()}>
                <button
                  type="button"
                  class="button button--danger-ghost"
                  onClick={() => props.onOpen('delete')}
                >
                  <Trash /> {t('users.delete')}
                </button>
              </Show>
            </div>
          )}
        </Show>
      </div>
    </>
  );
}
