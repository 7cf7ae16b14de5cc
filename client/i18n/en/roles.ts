import { formatNumber } from '../format';
/** The roles page and its dialogs. */
export const roles = {
  title: 'Roles',
  intro: 'Named permission sets, owned by a company and usable in its subtree.',
  newRole: 'New role',
  loading: 'Loading roles…',
  empty: 'No roles yet. Create one to grant permissions in bulk.',
  listLabel: 'Roles',
  colRole: 'Role',
  colOwner: 'Owner',
  colPermissions: 'Permissions',
  colHeldBy: 'Held by',
  colActions: 'Actions',
  inherited: 'inherited',
  inheritedHint: 'Owned above your scope: usable, not editable.',
  editLabel: 'Edit {{ name }}',
  deleteLabel: 'Delete {{ name }}',
  permissionCount: (n: number) => (n === 1 ? '1 permission' : `${formatNumber(n)} permissions`),
  userCount: (n: number) => (n === 1 ? '1 user' : `${formatNumber(n)} users`),
  newTitle: 'New role',
  editTitle: 'Edit role “{{ name }}”',
  name: 'Name',
  nameHint: 'Up to 80 characters, unique within its company.',
  owner: 'Owner company',
  ownerFixed: 'The owner of a role does not change.',
  save: 'Save role',
  saving: 'Saving…',
  created: 'Created the role “{{ name }}”.',
  saved: 'Role saved.',
  saveFailed: 'Saving failed.',
  deleteTitle: 'Delete role',
  deleteConfirm: 'Delete role',
  deleteAndRemove: (n: number) =>
    n === 1 ? 'Delete and remove from 1 user' : `Delete and remove from ${formatNumber(n)} users`,
  deleteQuestion: 'Delete the role “{{ name }}”?',
  noHolders: 'No user holds it.',
  holdersWarning: (n: number) =>
    n === 1
      ? '1 user holds this role. They lose its permissions at once.'
      : `${formatNumber(n)} users hold this role. They lose its permissions at once.`,
  deleted: 'Deleted the role “{{ name }}”.',
  deleteFailed: 'Deleting failed.',
};
