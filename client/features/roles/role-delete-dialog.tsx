import { Show } from 'solid-js';
import type { Role } from '../../../schemas/roles';
import { t } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { createMutation } from '../../ui/action';
import { ConfirmDialog } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { toast } from '../../ui/toast';

/** Confirms deleting a role, saying how many users lose it. */
export function DeleteRoleDialog(props: { role: Role | null; onClose: () => void }) {
  const remove = createMutation(async (r: Role) => {
    await unwrap(api.roles[':id'].$delete({ param: { id: r.id }, query: { force: '1' } }));
    toast(t('roles.deleted', { name: r.name }));
  }, t('roles.deleteFailed'));
  const confirm = async () => {
    const r = props.role;
    if (!r) return;
    await remove.run(r);
    if (!remove.error()) props.onClose();
  };
  return (
    <ConfirmDialog
      open={props.role !== null}
      title={t('roles.deleteTitle')}
      danger
      busy={remove.busy()}
      confirmLabel={
        props.role?.userCount
          ? t('roles.deleteAndRemove', props.role.userCount)
          : t('roles.deleteConfirm')
      }
      onConfirm={confirm}
      onClose={() => {
        remove.setError(null);
        props.onClose();
      }}
    >
      <p>{t('roles.deleteQuestion', { name: props.role?.name ?? '' })}</p>
      <Show when={props.role?.userCount} fallback={<p class="muted">{t('roles.noHolders')}</p>}>
        <div class="alert alert--error">
          {t('roles.holdersWarning', props.role?.userCount ?? 0)}
        </div>
      </Show>
      <ErrorAlert message={remove.error()?.message} />
    </ConfirmDialog>
  );
}
