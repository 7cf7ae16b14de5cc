import { createAsync } from '@solidjs/router';
import { For, Show, Suspense } from 'solid-js';
import type { Role } from '../../../schemas/roles';
import { t } from '../../i18n';
import { usePageTitle } from '../../lib/page-title';
import { useMe } from '../../lib/use-me';
import { Pencil, Plus, Shield, Trash } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { getRoles } from './role.queries';
import { DeleteRoleDialog } from './role-delete-dialog';
import { type Editing, RoleDialog } from './role-dialog';
import './roles.css';
import { createSignal } from 'solid-js';

export default function RolesPage() {
  usePageTitle(() => t('roles.title'));
  const { can } = useMe();
  const roles = createAsync(() => getRoles());
  const [editing, setEditing] = createSignal<Editing>(null);
  const [deleting, setDeleting] = createSignal<Role | null>(null);

  return (
    <div class="page">
      <div class="page__head">
        <div>
          <h1>{t('roles.title')}</h1>
          <p class="muted">{t('roles.intro')}</p>
        </div>
        <Show when={can('function.roles.create')}>
          <button
            type="button"
            class="button button--primary"
            onClick={() => setEditing({ kind: 'new' })}
          >
            <Plus /> {t('roles.newRole')}
          </button>
        </Show>
      </div>
      <section class="card card--flush">
        <Suspense
          fallback={
            <div class="table-empty">
              <Spinner /> {t('roles.loading')}
            </div>
          }
        >
          <Show
            when={(roles()?.roles.length ?? 0) > 0}
            fallback={<div class="table-empty">{t('roles.empty')}</div>}
          >
            <table class="table roles-table" aria-label={t('roles.listLabel')}>
              <thead>
                <tr>
                  <th>{t('roles.colRole')}</th>
                  <th>{t('roles.colOwner')}</th>
                  <th>{t('roles.colPermissions')}</th>
                  <th>{t('roles.colHeldBy')}</th>
                  <th class="table__actions">{t('roles.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={roles()?.roles}>
                  {(r) => (
                    <tr>
                      <td class="roles-table__name">
                        <span class="table__primary">
                          <Shield width="15" height="15" aria-hidden="true" /> {r.name}
                        </span>
                        <Show when={!r.editable}>
                          <span class="tag" title={t('roles.inheritedHint')}>
                            {t('roles.inherited')}
                          </span>
                        </Show>
                      </td>
                      <td data-label={t('roles.colOwner')}>{r.companyName}</td>
                      <td>{t('roles.permissionCount', r.permissions.length)}</td>
                      <td data-label={t('roles.colHeldBy')}>{t('roles.userCount', r.userCount)}</td>
                      <td class="table__actions">
                        <Show when={r.editable && can('function.roles.edit')}>
                          <button
                            type="button"
                            class="icon-button"
                            aria-label={t('roles.editLabel', { name: r.name })}
                            onClick={() => setEditing({ kind: 'edit', role: r })}
                          >
                            <Pencil />
                          </button>
                        </Show>
                        <Show when={r.editable && can('function.roles.delete')}>
                          <button
                            type="button"
                            class="icon-button icon-button--danger"
                            aria-label={t('roles.deleteLabel', { name: r.name })}
                            onClick={() => setDeleting(r)}
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
          </Show>
        </Suspense>
      </section>
      <RoleDialog editing={editing()} onClose={() => setEditing(null)} />
      <DeleteRoleDialog role={deleting()} onClose={() => setDeleting(null)} />
    </div>
  );
}
