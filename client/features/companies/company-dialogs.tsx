import { revalidate, useNavigate } from '@solidjs/router';
import { createEffect, createSignal, on } from 'solid-js';
import type { Company, CompanyDetail } from '../../../schemas/companies';
import { api, unwrap } from '../../lib/api';
import { createAction } from '../../ui/action';
import { ConfirmDialog, Dialog, DialogActions } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { toast } from '../../ui/toast';
import { CompanySelect } from './company-select';

const refresh = () =>
  revalidate(['company-tree', 'company-tree-children', 'company', 'company-users', 'me', 'roles']);

/** New subsidiary (parent given) or rename (company given). */
export function CompanyNameDialog(props: {
  mode: { kind: 'create'; parent: Company } | { kind: 'rename'; company: Company } | null;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const [name, setName] = createSignal('');
  const save = createAction(async () => {
    const m = props.mode;
    if (!m) return;
    if (m.kind === 'create') {
      const created = await unwrap(
        api.companies.$post({ json: { name: name(), parentId: m.parent.id } }),
      );
      toast(`Created “${created.name}”.`);
      await refresh();
      navigate(`/companies/${created.id}`);
    } else {
      await unwrap(
        api.companies[':id'].$patch({ param: { id: m.company.id }, json: { name: name() } }),
      );
      toast('Company renamed.');
      await refresh();
    }
    props.onClose();
  }, 'Saving failed.');
  createEffect(
    on(
      () => props.mode,
      (m) => {
        setName(m?.kind === 'rename' ? m.company.name : '');
        save.setError(null);
      },
    ),
  );
  const title = () =>
    props.mode?.kind === 'create'
      ? `New subsidiary of ${props.mode.parent.name}`
      : 'Rename company';
  return (
    <Dialog open={props.mode !== null} title={title()} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
        class="form-grid form-grid--single"
      >
        <label class="field">
          <span class="field__label">Company name</span>
          <input
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            required
            maxLength={120}
            autofocus
          />
        </label>
        <ErrorAlert message={save.error()?.message} />
        <div class="dialog__actions">
          <button type="button" class="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button
            type="submit"
            class="button button--primary"
            disabled={save.busy() || !name().trim()}
          >
            {save.busy()
              ? 'Saving…'
              : props.mode?.kind === 'create'
                ? 'Create company'
                : 'Save name'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Moves a company under another parent. Only real destinations are offered: not its current
 * parent (a no-op), nor itself or anything below it (the server would refuse a cycle).
 */
export function MoveCompanyDialog(props: { company: Company | null; onClose: () => void }) {
  const [parentId, setParentId] = createSignal('');
  const move = createAction(async () => {
    const c = props.company;
    if (!c) return;
    await unwrap(
      api.companies[':id'].$patch({ param: { id: c.id }, json: { parentId: parentId() } }),
    );
    toast(`Moved “${c.name}”.`);
    await refresh();
    props.onClose();
  }, 'Moving failed.');
  createEffect(
    on(
      () => props.company,
      () => {
        setParentId('');
        move.setError(null);
      },
    ),
  );
  return (
    <Dialog
      open={props.company !== null}
      title={`Move ${props.company?.name ?? ''}`}
      onClose={props.onClose}
      footer={
        <DialogActions
          label={move.busy() ? 'Moving…' : 'Move company'}
          disabled={move.busy() || !parentId()}
          onConfirm={move.run}
          onCancel={props.onClose}
        />
      }
    >
      <label class="field">
        <span class="field__label">New parent company</span>
        <CompanySelect
          name="parentId"
          value={parentId()}
          onChange={setParentId}
          placeholder="Choose the new parent"
          exclude={new Set(props.company?.parentId ? [props.company.parentId] : [])}
          excludeBranch={props.company?.id}
        />
      </label>
      <p class="muted small">Its subsidiaries, users and roles move with it.</p>
      <ErrorAlert message={move.error()?.message} />
    </Dialog>
  );
}

/**
 * Deletes an empty company. What it still holds is known from its detail, so a company that
 * cannot be deleted says so at once, instead of refusing after the admin has confirmed.
 */
export function DeleteCompanyDialog(props: { company: CompanyDetail | null; onClose: () => void }) {
  const navigate = useNavigate();
  const remove = createAction(async () => {
    const c = props.company;
    if (!c) return;
    await unwrap(api.companies[':id'].$delete({ param: { id: c.id } }));
    toast(`Deleted “${c.name}”.`);
    await refresh();
    props.onClose();
    navigate(c.parentId ? `/companies/${c.parentId}` : '/');
  }, 'Deleting failed.');
  createEffect(
    on(
      () => props.company,
      () => remove.setError(null),
    ),
  );
  const held = () => (props.company ? heldParts(props.company.contents) : []);
  return (
    <ConfirmDialog
      open={props.company !== null}
      title="Delete company"
      danger
      busy={remove.busy()}
      disabled={held().length > 0}
      confirmLabel="Delete company"
      onConfirm={remove.run}
      onClose={props.onClose}
    >
      <p>
        Delete <strong>{props.company?.name}</strong>? Only an empty company can be deleted.
      </p>
      <ErrorAlert
        message={
          held().length > 0
            ? `“${props.company?.name}” still has ${held().join(', ')}. Move or delete them first.`
            : undefined
        }
      />
      <ErrorAlert message={remove.error()?.message} />
    </ConfirmDialog>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The non-empty parts of what a company holds, in words. */
function heldParts(c: CompanyDetail['contents']): string[] {
  return [
    c.companies ? plural(c.companies, 'subsidiary', 'subsidiaries') : '',
    c.users ? plural(c.users, 'user', 'users') : '',
    c.roles ? plural(c.roles, 'role', 'roles') : '',
  ].filter(Boolean);
}
