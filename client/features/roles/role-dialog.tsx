import { createAsync } from '@solidjs/router';
import { createEffect, createMemo, createSignal, on, Show } from 'solid-js';
import { createRoleSchema, type Role } from '../../../schemas/roles';
import { t } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { useMe } from '../../lib/use-me';
import { createMutation } from '../../ui/action';
import { Dialog, DialogActions } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { createFormValidation } from '../../ui/form-validation';
import { toast } from '../../ui/toast';
import { flattenTree, getCompanyTree } from '../companies/company.queries';
import { CompanySelect } from '../companies/company-select';
import { PermissionEditor } from '../permissions/permission-editor';

export type Editing = { kind: 'new' } | { kind: 'edit'; role: Role } | null;

type RoleInput = { name: string; companyId: string; permissions: string[] };

/** Creates or edits a role: its name, its owner (on creation) and its permissions. */
export function RoleDialog(props: { editing: Editing; onClose: () => void }) {
  const { me, can } = useMe();
  // A refused read would replace the whole page with the shell's error state (page-guard).
  const tree = createAsync(async () =>
    can('function.companies.view') ? getCompanyTree() : undefined,
  );
  const companies = createMemo(() => flattenTree(tree()?.roots ?? []));
  const [name, setName] = createSignal('');
  const [companyId, setCompanyId] = createSignal('');
  const [permissions, setPermissions] = createSignal<string[]>([]);
  // The API's own schema: the same rules (and words) before the request as after it.
  const v = createFormValidation(createRoleSchema, () => ({
    name: name(),
    companyId: companyId(),
    permissions: permissions(),
  }));
  const save = createMutation(async (editing: Editing, input: RoleInput) => {
    if (editing?.kind === 'new') {
      await unwrap(api.roles.$post({ json: input }));
      toast(t('roles.created', { name: input.name }));
    } else if (editing?.kind === 'edit') {
      await unwrap(
        api.roles[':id'].$patch({
          param: { id: editing.role.id },
          json: { name: input.name, permissions: input.permissions },
        }),
      );
      toast(t('roles.saved'));
    }
  }, t('roles.saveFailed'));
  const submit = async () => {
    const input = v.submit();
    if (!input) return;
    await save.run(props.editing, input);
    const failed = save.error();
    if (!failed) return props.onClose();
    // A duplicate name (or another field's refusal) is shown beside its field.
    if (failed.field === 'name' || failed.field === 'companyId') {
      v.setServerError(failed.field, failed.message);
      // On a phone the field may sit far above the Save button: bring it, and its error, back.
      if (failed.field === 'name') document.getElementById('role-name')?.focus();
    }
  };
  const fieldFailed = () => {
    const field = save.error()?.field;
    return field === 'name' || field === 'companyId';
  };
  createEffect(
    on(
      () => props.editing,
      (e) => {
        setName(e?.kind === 'edit' ? e.role.name : '');
        setCompanyId(e?.kind === 'edit' ? e.role.companyId : (companies()[0]?.node.id ?? ''));
        setPermissions(e?.kind === 'edit' ? e.role.permissions : []);
        save.setError(null);
        v.reset();
      },
    ),
  );
  // The tree arrives after the dialog opened: a new role defaults to the first company.
  createEffect(
    on(companies, (list) => {
      if (props.editing?.kind === 'new' && !companyId()) setCompanyId(list[0]?.node.id ?? '');
    }),
  );
  const nameError = () => v.error('name');
  const ownerError = () => v.error('companyId');
  return (
    <Dialog
      open={props.editing !== null}
      wide
      title={
        props.editing?.kind === 'edit'
          ? t('roles.editTitle', { name: props.editing.role.name })
          : t('roles.newTitle')
      }
      onClose={props.onClose}
      footer={
        <DialogActions
          label={save.busy() ? t('roles.saving') : t('roles.save')}
          busy={save.busy()}
          onConfirm={submit}
          onCancel={props.onClose}
        />
      }
    >
      <div class="form-grid">
        <div class="field" classList={{ 'field--invalid': Boolean(nameError()) }}>
          <label class="field__label" for="role-name">
            {t('roles.name')}
          </label>
          <input
            id="role-name"
            name="name"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            onBlur={() => v.touch('name')}
            maxLength={80}
            aria-invalid={nameError() ? 'true' : undefined}
            aria-describedby={nameError() ? 'role-name-error role-name-hint' : 'role-name-hint'}
          />
          <Show when={nameError()}>
            <span class="field__error" id="role-name-error">
              {nameError()}
            </span>
          </Show>
          <span class="field__hint" id="role-name-hint">
            {t('roles.nameHint')}
          </span>
        </div>
        {/* The company picker's input takes its name from the wrapping label. */}
        <label class="field" classList={{ 'field--invalid': Boolean(ownerError()) }}>
          <span class="field__label">{t('roles.owner')}</span>
          <CompanySelect
            name="companyId"
            value={companyId()}
            onChange={(id) => {
              setCompanyId(id);
              v.touch('companyId');
            }}
            disabled={props.editing?.kind === 'edit'}
          />
          <Show when={ownerError()}>
            <span class="field__error">{ownerError()}</span>
          </Show>
          <Show when={props.editing?.kind === 'edit'}>
            <span class="field__hint">{t('roles.ownerFixed')}</span>
          </Show>
        </label>
      </div>
      <PermissionEditor
        value={permissions()}
        onChange={setPermissions}
        grantable={new Set(me()?.permissions ?? [])}
      />
      <Show when={!fieldFailed()}>
        <ErrorAlert message={save.error()?.message} />
      </Show>
    </Dialog>
  );
}
