import { useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import type { UserRecord } from '../../../schemas/users';
import { useMe } from '../../lib/use-me';
import { SessionsPanel } from '../sessions/sessions-panel';
import { TokenConfigDialog } from '../sessions/token-config-dialog';
import { ExplainPanel } from './explain-panel';
import { DeleteUserDialog, ExpiryDialog, StatusDialog } from './user-dialogs';
import type { UserDialog } from './user-page-head';
import { UserSubUsers } from './user-sub-users';

/** Below the form of an existing account: its sessions, the explain panel, its sub-users, and
 * the dialog the head's toolbar opened. */
export function UserAccountPanels(props: {
  user: UserRecord;
  dialog: UserDialog | null;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const { me, can } = useMe();
  const own = () => props.user.id === me()?.user.id;
  const open = (d: UserDialog) => (props.dialog === d ? props.user : null);
  return (
    <>
      <Show when={own() || can('function.sessions.view')}>
        <SessionsPanel userId={props.user.id} canEnd={own() || can('function.sessions.revoke')} />
      </Show>
      <ExplainPanel user={props.user} />
      <UserSubUsers userId={props.user.id} />
      <TokenConfigDialog user={open('token')} onClose={props.onClose} />
      <StatusDialog user={open('status')} onClose={props.onClose} />
      <ExpiryDialog
        user={open('expiry')}
        canSync={can('function.users.expiry.sync')}
        onClose={props.onClose}
      />
      <DeleteUserDialog
        user={open('delete')}
        onClose={props.onClose}
        onDeleted={() => navigate(`/companies/${props.user.companyId}`, { replace: true })}
      />
    </>
  );
}
