import { A, createAsync, useParams } from '@solidjs/router';
import { createEffect, createSignal, For, Show, Suspense } from 'solid-js';
import type { Company, CompanyDetail } from '../../../schemas/companies';
import type { UserListItem } from '../../../schemas/users';
import { orNotFound } from '../../lib/api';
import { usePageTitle } from '../../lib/page-title';
import { useMe } from '../../lib/use-me';
import { createDebounced } from '../../ui/debounced';
import { formatDate, isExpired, plural } from '../../ui/format';
import { Calendar, Key, Move, Pencil, Plus, Trash, UserPlus, Users } from '../../ui/icons';
import { NotFoundState } from '../../ui/not-found-state';
import { SearchInput } from '../../ui/search-input';
import { Spinner } from '../../ui/spinner';
import { TokenConfigDialog } from '../sessions/token-config-dialog';
import { DeleteUserDialog, ExpiryDialog } from '../users/user-dialogs';
import { getCompany, getCompanyUsers } from './company.queries';
import { CompanyNameDialog, DeleteCompanyDialog, MoveCompanyDialog } from './company-dialogs';
import { setFocusedCompany } from './tree-focus';

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
          <Spinner /> Loading…
        </div>
      }
    >
      <Show when={company()} fallback={<NotFoundState title="Company not found" />}>
        {(f) => (
          <div class="page">
            <nav class="breadcrumb" aria-label="Breadcrumb">
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
                  {plural(f().userCount, 'user')} ·{' '}
                  {plural(f().childCount, 'subsidiary', 'subsidiaries')}
                </p>
              </div>
              <div class="toolbar">
                <Show when={can('function.companies.create')}>
                  <button
                    type="button"
                    class="button"
                    onClick={() => setNameMode({ kind: 'create', parent: f() })}
                  >
                    <Plus /> New subsidiary
                  </button>
                </Show>
                <Show when={can('function.companies.edit')}>
                  <button
                    type="button"
                    class="button"
                    onClick={() => setNameMode({ kind: 'rename', company: f() })}
                  >
                    <Pencil /> Rename
                  </button>
                  <Show when={f().trail.length > 0}>
                    <button type="button" class="button" onClick={() => setMoving(f())}>
                      <Move /> Move
                    </button>
                  </Show>
                </Show>
                <Show when={can('function.companies.delete') && f().trail.length > 0}>
                  <button
                    type="button"
                    class="button button--danger-ghost"
                    onClick={() => setDeleting(f())}
                  >
                    <Trash /> Delete
                  </button>
                </Show>
                <Show when={can('function.users.create')}>
                  <A class="button button--primary" href={`/users/new?companyId=${f().id}`}>
                    <UserPlus /> Add User
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
  const rows = () => [...earlier(), ...(page()?.users ?? [])];
  const [expiryFor, setExpiryFor] = createSignal<UserListItem | null>(null);
  const [deleteFor, setDeleteFor] = createSignal<UserListItem | null>(null);
  const [tokenFor, setTokenFor] = createSignal<UserListItem | null>(null);
  const loadMore = () => {
    const p = page();
    if (!p?.nextCursor) return;
    setEarlier(rows());
    setCursor(p.nextCursor);
  };

  return (
    <section class="card card--flush">
      <div class="card__toolbar">
        <h3>
          <Users /> Users
        </h3>
        <SearchInput
          inline
          label="Search users"
          placeholder="Search by name or username"
          value={search.value()}
          onInput={search.input}
        />
      </div>
      <Suspense
        fallback={
          <div class="table-empty">
            <Spinner /> Loading users…
          </div>
        }
      >
        <Show
          when={rows().length > 0}
          fallback={
            <div class="table-empty">
              {query() ? `No user matches “${query()}”.` : 'This company has no users yet.'}
            </div>
          }
        >
          <table class="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Expires</th>
                <th>Sub-users</th>
                <th class="table__actions">Actions</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(u) => (
                  <tr>
                    <td>
                      <A href={`/users/${u.id}`} class="table__primary">
                        {u.displayName}
                      </A>
                      <div class="muted small">
                        {u.username}
                        <Show when={u.parentUserId}> · sub-user</Show>
                      </div>
                    </td>
                    <td>{u.email ?? <span class="muted">—</span>}</td>
                    <td>
                      <Show when={u.status === 'disabled'}>
                        <span class="tag tag--danger">Disabled</span>{' '}
                      </Show>
                      <span classList={{ 'tag tag--danger': isExpired(u.expiresAt) }}>
                        {isExpired(u.expiresAt)
                          ? `Expired ${formatDate(u.expiresAt)}`
                          : formatDate(u.expiresAt)}
                      </span>
                    </td>
                    <td>{u.subUserCount || <span class="muted">—</span>}</td>
                    <td class="table__actions">
                      <Show when={can('function.users.edit')}>
                        <A
                          class="icon-button"
                          href={`/users/${u.id}`}
                          title="Edit"
                          aria-label={`Edit ${u.username}`}
                        >
                          <Pencil />
                        </A>
                      </Show>
                      <Show when={can('function.users.create')}>
                        <A
                          class="icon-button"
                          href={`/users/new?companyId=${props.companyId}&parentUserId=${u.id}`}
                          title="New sub-user"
                          aria-label={`New sub-user of ${u.username}`}
                        >
                          <UserPlus />
                        </A>
                      </Show>
                      <Show when={can('function.tokens.configure') && notSelf(u.id)}>
                        <button
                          type="button"
                          class="icon-button"
                          title="Token configuration"
                          aria-label={`Token configuration of ${u.username}`}
                          onClick={() => setTokenFor(u)}
                        >
                          <Key />
                        </button>
                      </Show>
                      <Show when={can('function.users.expiry.edit') && notSelf(u.id)}>
                        <button
                          type="button"
                          class="icon-button"
                          title="Expiration date"
                          aria-label={`Expiration date of ${u.username}`}
                          onClick={() => setExpiryFor(u)}
                        >
                          <Calendar />
                        </button>
                      </Show>
                      <Show when={can('function.users.delete') && notSelf(u.id)}>
                        <button
                          type="button"
                          class="icon-button icon-button--danger"
                          title="Delete"
                          aria-label={`Delete ${u.username}`}
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
                Load more
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
