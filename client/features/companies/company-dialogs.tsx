import { useNavigate } from '@solidjs/router';
import { createEffect, createSignal, createUniqueId, on, Show } from 'solid-js';
import { type Company, type CompanyDetail, createCompanySchema } from '../../../schemas/companies';
import { formatList, t } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { createMutation } from '../../ui/action';
import { ConfirmDialog, Dialog, DialogActions } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { createFormValidation } from '../../ui/form-validation';
import { toast } from '../../ui/toast';
import { CompanySelect } from './company-select';

/** The name rules the API applies to a new or renamed company. */
const companyNameSchema = createCompanySchema.pick({ name: true });

/**
 * New subsidiary (parent given) or rename (company given). The name is checked as it is typed
 * with the API's own schema; a name a sibling already holds (COMPANY_NAME_TAKEN) is said
 * beside the field.
 */
export function CompanyNameDialog(props: {
  mode: { kind: 'create'; parent: Company } | { kind: 'rename'; company: Company } | null;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const [name, setName] = createSignal('');
  const v = createFormValidation(companyNameSchema, () => ({ name: name() }));
  const hintId = createUniqueId();
  const errorId = createUniqueId();
  const save = createMutation(async (value: string) => {
    const m = props.mode;
    if (!m) return;
    if (m.kind === 'create') {
      const created = await unwrap(
        api.companies.$post({ json: { name: value, parentId: m.parent.id } }),
      );
      toast(t('companies.created', { name: created.name }));
      props.onClose();
      navigate(`/companies/${created.id}`);
    } else {
      await unwrap(
        api.companies[':id'].$patch({ param: { id: m.company.id }, json: { name: value } }),
      );
      toast(t('companies.renamed'));
      props.onClose();
    }
  });
  const submit = async () => {
    const parsed = v.submit();
    if (!parsed) return;
    await save.run(parsed.name);
    const failed = save.error();
    if (failed?.field === 'name') v.setServerError('name', failed.message);
  };
  createEffect(
    on(
      () => props.mode,
      (m) => {
        setName(m?.kind === 'rename' ? m.company.name : '');
        save.setError(null);
        v.reset();
      },
    ),
  );
  const title = () =>
    props.mode?.kind === 'create'
      ? t('companies.newSubsidiaryOf', { name: props.mode.parent.name })
      : t('companies.renameCompany');
  const nameError = () => v.error('name');
  return (
    <Dialog open={props.mode !== null} title={title()} onClose={props.onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        class="form-grid form-grid--single"
      >
        <label class="field" classList={{ 'field--invalid': !!nameError() }}>
          <span class="field__label">{t('companies.companyName')}</span>
          <input
            name="name"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            onBlur={() => v.touch('name')}
            maxLength={120}
            aria-invalid={nameError() ? true : undefined}
            aria-describedby={nameError() ? `${errorId} ${hintId}` : hintId}
          />
          <span class="field__hint" id={hintId}>
            {t('companies.nameHint')}
          </span>
          <Show when={nameError()}>
            <span class="field__error" id={errorId}>
              {nameError()}
            </span>
          </Show>
        </label>
        <ErrorAlert message={save.error()?.field === 'name' ? undefined : save.error()?.message} />
        <div class="dialog__actions">
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="button button--primary" disabled={save.busy()}>
            {save.busy()
              ? t('companies.saving')
              : props.mode?.kind === 'create'
                ? t('companies.createCompany')
                : t('companies.saveName')}
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
  const labelId = createUniqueId();
  const move = createMutation(async () => {
    const c = props.company;
    if (!c) return;
    await unwrap(
      api.companies[':id'].$patch({ param: { id: c.id }, json: { parentId: parentId() } }),
    );
    toast(t('companies.moved', { name: c.name }));
    props.onClose();
  });
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
      title={t('companies.moveTitle', { name: props.company?.name ?? '' })}
      onClose={props.onClose}
      footer={
        <DialogActions
          label={move.busy() ? t('companies.moving') : t('companies.moveCompany')}
          disabled={move.busy() || !parentId()}
          onConfirm={move.run}
          onCancel={props.onClose}
        />
      }
    >
      <div class="field">
        <span class="field__label" id={labelId}>
          {t('companies.newParent')}
        </span>
        <CompanySelect
          name="parentId"
          labelledBy={labelId}
          value={parentId()}
          onChange={setParentId}
          placeholder={t('companies.chooseNewParent')}
          exclude={new Set(props.company?.parentId ? [props.company.parentId] : [])}
          excludeBranch={props.company?.id}
        />
      </div>
      <p class="muted small">{t('companies.movesWithIt')}</p>
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
  const remove = createMutation(async () => {
    const c = props.company;
    if (!c) return;
    await unwrap(api.companies[':id'].$delete({ param: { id: c.id } }));
    toast(t('companies.deleted', { name: c.name }));
    props.onClose();
    // Away first: the refresh after the change would read the deleted company.
    navigate(c.parentId ? `/companies/${c.parentId}` : '/');
  });
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
      title={t('companies.deleteTitle')}
      danger
      busy={remove.busy()}
      disabled={held().length > 0}
      confirmLabel={t('companies.deleteCompany')}
      onConfirm={remove.run}
      onClose={props.onClose}
    >
      <p>{t('companies.deleteAsk', { name: props.company?.name ?? '' })}</p>
      <ErrorAlert
        message={
          held().length > 0
            ? t('companies.stillHolds', {
                name: props.company?.name ?? '',
                parts: formatList(held()),
              })
            : undefined
        }
      />
      <ErrorAlert message={remove.error()?.message} />
    </ConfirmDialog>
  );
}

/** The non-empty parts of what a company holds, in words. */
function heldParts(c: CompanyDetail['contents']): string[] {
  return [
    c.companies ? t('companies.subsidiaryCount', c.companies) : '',
    c.users ? t('companies.userCount', c.users) : '',
    c.roles ? t('companies.roleCount', c.roles) : '',
  ].filter(Boolean);
}
