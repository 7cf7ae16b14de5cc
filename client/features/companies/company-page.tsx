import { A, createAsync, useParams } from '@solidjs/router';
import { createEffect, createSignal, For, Show, Suspense } from 'solid-js';
import type { Company, CompanyDetail } from '../../../schemas/companies';
import type { UserListItem } from '../../../schemas/users';
import { t } from '../../i18n';
import { orNotFound } from '../../lib/api';
import { usePageTitle } from '../../lib/page-title';
import { useMe } from '../../lib/use-me';
import { createDebounced } from '../../ui/debounced';
import { formatDate, isExpired } from '../../ui/format';
import { Calendar, Key, Move, Pencil, Plus, Trash, UserPlus, Users } from '../../ui/icons';
import { NotFoundState } from '../../ui/not-found-state';
import { SearchInput } from '../../ui/search-input';
import { Spinner } from '../../ui/spinner';
import { TokenConfigDialog } from '../sessions/token-config-dialog';
import { DeleteUserDialog, ExpiryDialog } from '../users/user-dialogs';
import { getCompany, getCompanyUsers } from './company.queries';
import { CompanyNameDialog, DeleteCompanyDialog, MoveCompanyDialog } from './company-dialogs';
import { setFocusedCompany } from './tree-focus';
import { parentsFirst } from './user-rows';

type NameMode = { kind: 'create'; parent: Company } | { kind: 'rename'; company: Company } | null;

export default function CompanyPage() {
  const params = useParams<{ id: string }>();
  const { can } = useMe();
  // Only a missing company reads as null; a refusal goes to the shell's error state.
  const company = createAsync(() => orNotFound(getCompany(params.id)));
  usePageTitle(() => company()?.name);
  createEffect(() => {
    const c = company();
    if (c) setFocusedCompany({ id: c.id, trail: c.trail.map((t) => t.id) });
  });
  const [nameMode, setNameMode] = createSignal<NameMode>(null);
  const [moving, setMoving] = createSignal<Company | null>(null);
  const [deleting, setDeleting] = createSignal<CompanyDetail | null>(null);

  return (
    <Suspense
      fallback={
        <div class="page">
          <Spinner /> {t('companies.loading')}
        </div>
      }
    >
      <Show when={company()} fallback={<NotFoundState title={t('companies.notFound')} />}>
        {(f) => (
          <div class="page">
            <nav class="breadcrumb" aria-label={t('companies.breadcrumb')}>
              <For each={f().trail}>
                {(c) => (
                  <>
                    <A href={`/companies/${c.id}`}>{c.name}</A>
                    <span aria-hidden="true">/</span>
                  </>
                )}
              </For>
            </nav>
            <div class="page__head">
              <div>
                <h1>{f().name}</h1>
                <p class="muted">
                  {t('companies.userCount', f().userCount)} ·{' '}
                  {t('companies.subsidiaryCount', f().childCount)}
                </p>
              </div>
              <div class="toolbar">
                <Show when={can('function.companies.create')}>
                  <button
                    type="button"
                    class="button"
                    onClick={() => setNameMode({ kind: 'create', parent: f() })}
                  >
                    <Plus /> {t('companies.newSubsidiary')}
                  </button>
                </Show>
                <Show when={can('function.companies.edit')}>
                  <button
                    type="button"
                    class="button"
                    onClick={() => setNameMode({ kind: 'rename', company: f() })}
                  >
                    <Pencil /> {t('companies.rename')}
                  </button>
                  <Show when={f().trail.length > 0}>
                    <button type="button" class="button" onClick={() => setMoving(f())}>
                      <Move /> {t('companies.move')}
                    </button>
                  </Show>
                </Show>
                <Show when={can('function.companies.delete') && f().trail.length > 0}>
                  <button
                    type="button"
                    class="button button--danger-ghost"
                    onClick={() => setDeleting(f())}
                  >
                    <Trash /> {t('companies.delete')}
                  </button>
                </Show>
                <Show when={can('function.users.create')}>
                  <A class="button button--primary" href={`/users/new?companyId=${f().id}`}>
                    <UserPlus /> {t('companies.addUser')}
                  </A>
                </Show>
              </div>
            </div>
            {/* Its list is refused without "View users", which would replace the whole page. */}
            <Show when={can('function.users.view')}>
              <UsersTable companyId={f().id} />
            </Show>
            <CompanyNameDialog mode={nameMode()} onClose={() => setNameMode(null)} />
            <MoveCompanyDialog company={moving()} onClose={() => setMoving(null)} />
            <DeleteCompanyDialog company={deleting()} onClose={() => setDeleting(null)} />
          </div>
        )}
      </Show>
    </Suspense>
  );
}

function UsersTable(props: { companyId: string }) {
  const { can, me } = useMe();
  // Own changes go through the password page: the API refuses them on one's own row.
  const notSelf = (id: string) => id !== me()?.user.id;
  const search = createDebounced(250, () => {
    setEarlier([]);
    setCursor(undefined);
  });
  const query = search.settled;
  const [cursor, setCursor] = createSignal<string | undefined>(undefined);
  const [earlier, setEarlier] = createSignal<UserListItem[]>([]);
  const page = createAsync(() => getCompanyUsers(props.companyId, query() || undefined, cursor()));
  // Each sub-user right after its parent, as in the tree (the API pages by username).
  const loaded = () => [...earlier(), ...(page()?.users ?? [])];
  const rows = () => parentsFirst(loaded());
  const [expiryFor, setExpiryFor] = createSignal<UserListItem | null>(null);
  const [deleteFor, setDeleteFor] = createSignal<UserListItem | null>(null);
  const [tokenFor, setTokenFor] = createSignal<UserListItem | null>(null);
  const loadMore = () => {
    const p = page();
    if (!p?.nextCursor) return;
    setEarlier(loaded());
    setCursor(p.nextCursor);
  };

  return (
    <section class="card card--flush">
      <div class="card__toolbar">
        <h3>
          <Users /> {t('companies.users')}
        </h3>
        <SearchInput
          inline
          label={t('companies.searchUsers')}
          placeholder={t('companies.searchUsersPlaceholder')}
          value={search.value()}
          onInput={search.input}
        />
      </div>
      <Suspense
        fallback={
          <div class="table-empty">
            <Spinner /> {t('companies.loadingUsers')}
          </div>
        }
      >
        <Show
          when={rows().length > 0}
          fallback={
            <div class="table-empty">
              {query() ? t('companies.noUserMatches', { q: query() }) : t('companies.noUsers')}
            </div>
          }
        >
          <table class="table table--stack">
            <thead>
              <tr>
                <th>{t('companies.colName')}</th>
                <th>{t('companies.colEmail')}</th>
                <th>{t('companies.colExpires')}</th>
                <th>{t('companies.colSubUsers')}</th>
                <th class="table__actions">{t('companies.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {({ user: u, level }) => (
                  <tr>
                    <td style={level ? { 'padding-left': `${12 + level * 20}px` } : undefined}>
                      <A href={`/users/${u.id}`} class="table__primary">
                        {u.displayName}
                      </A>
                      <div class="muted small">
                        {u.username}
                        <Show when={u.parentUserId}> · {t('companies.subUser')}</Show>
                      </div>
                    </td>
                    <td data-label={t('companies.colEmail')}>
                      {u.email ?? <span class="muted">—</span>}
                    </td>
                    <td data-label={t('companies.colExpires')}>
                      <Show when={u.status === 'disabled'}>
                        <span class="tag tag--danger">{t('companies.disabled')}</span>{' '}
                      </Show>
                      <span classList={{ 'tag tag--danger': isExpired(u.expiresAt) }}>
                        {isExpired(u.expiresAt)
                          ? t('companies.expired', { date: formatDate(u.expiresAt) })
                          : formatDate(u.expiresAt)}
                      </span>
                    </td>
                    <td data-label={t('companies.colSubUsers')}>
                      {u.subUserCount || <span class="muted">—</span>}
                    </td>
                    <td class="table__actions">
                      <Show when={can('function.users.edit')}>
                        <A
                          class="icon-button"
                          href={`/users/${u.id}`}
                          title={t('companies.edit')}
                          aria-label={t('companies.editUser', { name: u.username })}
                        >
                          <Pencil />
                        </A>
                      </Show>
                      <Show when={can('function.users.create')}>
                        <A
                          class="icon-button"
                          href={`/users/new?companyId=${props.companyId}&parentUserId=${u.id}`}
                          title={t('companies.newSubUser')}
                          aria-label={t('companies.newSubUserOf', { name: u.username })}
                        >
                          <UserPlus />
                        </A>
                      </Show>
                      <Show when={can('function.tokens.configure') && notSelf(u.id)}>
                        <button
                          type="button"
                          class="icon-button"
                          title={t('companies.tokenConfig')}
                          aria-label={t('companies.tokenConfigOf', { name: u.username })}
                          onClick={() => setTokenFor(u)}
                        >
                          <Key />
                        </button>
                      </Show>
                      <Show when={can('function.users.expiry.edit') && notSelf(u.id)}>
                        <button
                          type="button"
                          class="icon-button"
                          title={t('companies.expiry')}
                          aria-label={t('companies.expiryOf', { name: u.username })}
                          onClick={() => setExpiryFor(u)}
                        >
                          <Calendar />
                        </button>
                      </Show>
                      <Show when={can('function.users.delete') && notSelf(u.id)}>
                        <button
                          type="button"
                          class="icon-button icon-button--danger"
                          title={t('companies.delete')}
                          aria-label={t('companies.deleteUser', { name: u.username })}
                          onClick={() => setDeleteFor(u)}
                        >
                          <Trash />
                        </button>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <Show when={page()?.nextCursor}>
            <div class="table-more">
              <button type="button" class="button" onClick={loadMore}>
                {t('companies.loadMore')}
              </button>
            </div>
          </Show>
        </Show>
      </Suspense>
      <ExpiryDialog
        user={expiryFor()}
        canSync={can('function.users.expiry.sync')}
        onClose={() => setExpiryFor(null)}
      />
      <DeleteUserDialog user={deleteFor()} onClose={() => setDeleteFor(null)} />
      <TokenConfigDialog user={tokenFor()} onClose={() => setTokenFor(null)} />
    </section>
  );
}
