import { createAsync, revalidate } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show, Suspense } from 'solid-js';
import type { Role } from '../../../schemas/roles';
import { api, unwrap } from '../../lib/api';
import { usePageTitle } from '../../lib/page-title';
import { useMe } from '../../lib/use-me';
import { createAction } from '../../ui/action';
import { ConfirmDialog, Dialog, DialogActions } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { plural } from '../../ui/format';
import { Pencil, Plus, Shield, Trash } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { toast } from '../../ui/toast';
import { flattenTree, getCompanyTree } from '../companies/company.queries';
import { CompanySelect } from '../companies/company-select';
import { PermissionEditor } from '../permissions/permission-editor';
import { getRoles } from './role.queries';

type Editing = { kind: 'new' } | { kind: 'edit'; role: Role } | null;

export default function RolesPage() {
  usePageTitle('Roles');
  const { can } = useMe();
  const roles = createAsync(() => getRoles());
  const [editing, setEditing] = createSignal<Editing>(null);
  const [deleting, setDeleting] = createSignal<Role | null>(null);

  return (
    <div class="page">
      <div class="page__head">
        <div>
          <h1>Roles</h1>
          <p class="muted">Named permission sets, owned by a company and usable in its subtree.</p>
        </div>
        <Show when={can('function.roles.create')}>
          <button
            type="button"
            class="button button--primary"
            onClick={() => setEditing({ kind: 'new' })}
          >
            <Plus /> New role
          </button>
        </Show>
      </div>
      <section class="card card--flush">
        <Suspense
          fallback={
            <div class="table-empty">
              <Spinner /> Loading roles…
            </div>
          }
        >
          <Show
            when={(roles()?.roles.length ?? 0) > 0}
            fallback={
              <div class="table-empty">No roles yet. Create one to grant permissions in bulk.</div>
            }
          >
            <table class="table">
              <thead>
                <tr>
                  <th>Role</th>
                  <th>Owner</th>
                  <th>Permissions</th>
                  <th>Held by</th>
                  <th class="table__actions">Actions</th>
                </tr>
              </thead>
              <tbody>
                <For each={roles()?.roles}>
                  {(r) => (
                    <tr>
                      <td>
                        <span class="table__primary">
                          <Shield width="15" height="15" /> {r.name}
                        </span>
                        <Show when={!r.editable}>
                          <span class="tag">inherited</span>
                        </Show>
                      </td>
                      <td>{r.companyName}</td>
                      <td>{r.permissions.length}</td>
                      <td>{plural(r.userCount, 'user')}</td>
                      <td class="table__actions">
                        <Show when={r.editable && can('function.roles.edit')}>
                          <button
                            type="button"
                            class="icon-button"
                            aria-label={`Edit ${r.name}`}
                            onClick={() => setEditing({ kind: 'edit', role: r })}
                          >
                            <Pencil />
                          </button>
                        </Show>
                        <Show when={r.editable && can('function.roles.delete')}>
                          <button
                            type="button"
                            class="icon-button icon-button--danger"
                            aria-label={`Delete ${r.name}`}
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

function RoleDialog(props: { editing: Editing; onClose: () => void }) {
  const { me, can } = useMe();
  // A refused read would replace the whole page with the shell's error state (page-guard).
  const tree = createAsync(async () =>
    can('function.companies.view') ? getCompanyTree() : undefined,
  );
  const companies = createMemo(() => flattenTree(tree()?.roots ?? []));
  const [name, setName] = createSignal('');
  const [companyId, setCompanyId] = createSignal('');
  const [permissions, setPermissions] = createSignal<string[]>([]);
  const save = createAction(async () => {
    const e = props.editing;
    if (!e) return;
    if (e.kind === 'new') {
      await unwrap(
        api.roles.$post({
          json: { name: name(), companyId: companyId(), permissions: permissions() },
        }),
      );
      toast(`Created the role “${name()}”.`);
    } else {
      await unwrap(
        api.roles[':id'].$patch({
          param: { id: e.role.id },
          json: { name: name(), permissions: permissions() },
        }),
      );
      toast('Role saved.');
    }
    await revalidate(['roles', 'me']);
    props.onClose();
  }, 'Saving failed.');
  createEffect(
    on(
      () => props.editing,
      (e) => {
        setName(e?.kind === 'edit' ? e.role.name : '');
        setCompanyId(e?.kind === 'edit' ? e.role.companyId : (companies()[0]?.node.id ?? ''));
        setPermissions(e?.kind === 'edit' ? e.role.permissions : []);
        save.setError(null);
      },
    ),
  );
  return (
    <Dialog
      open={props.editing !== null}
      wide
      title={props.editing?.kind === 'edit' ? `Edit role “${props.editing.role.name}”` : 'New role'}
      onClose={props.onClose}
      footer={
        <DialogActions
          label={save.busy() ? 'Saving…' : 'Save role'}
          disabled={save.busy() || !name().trim()}
          onConfirm={save.run}
          onCancel={props.onClose}
        />
      }
    >
      <div class="form-grid">
        <label class="field">
          <span class="field__label">Name</span>
          <input value={name()} onInput={(e) => setName(e.currentTarget.value)} maxLength={80} />
        </label>
        <label class="field">
          <span class="field__label">Owner company</span>
          <CompanySelect
            name="companyId"
            value={companyId()}
            onChange={setCompanyId}
            disabled={props.editing?.kind === 'edit'}
          />
        </label>
      </div>
      <PermissionEditor
        value={permissions()}
        onChange={setPermissions}
        grantable={new Set(me()?.permissions ?? [])}
      />
      <ErrorAlert message={save.error()?.message} />
    </Dialog>
  );
}

function DeleteRoleDialog(props: { role: Role | null; onClose: () => void }) {
  const remove = createAction(async () => {
    const r = props.role;
    if (!r) return;
    await unwrap(api.roles[':id'].$delete({ param: { id: r.id }, query: { force: '1' } }));
    toast(`Deleted the role “${r.name}”.`);
    await revalidate(['roles', 'me', 'user']);
    props.onClose();
  }, 'Deleting failed.');
  return (
    <ConfirmDialog
      open={props.role !== null}
      title="Delete role"
      danger
      busy={remove.busy()}
      confirmLabel={
        props.role?.userCount
          ? `Delete and remove from ${plural(props.role.userCount, 'user')}`
          : 'Delete role'
      }
      onConfirm={remove.run}
      onClose={() => {
        remove.setError(null);
        props.onClose();
      }}
    >
      <p>
        Delete the role <strong>{props.role?.name}</strong>?
      </p>
      <Show when={props.role?.userCount} fallback={<p class="muted">No user holds it.</p>}>
        <div class="alert alert--error">
          {plural(props.role?.userCount ?? 0, 'user holds', 'users hold')} this role. They lose its
          permissions at once.
        </div>
      </Show>
      <ErrorAlert message={remove.error()?.message} />
    </ConfirmDialog>
  );
}
