/** Words of the shared widgets in client/ui: dialogs, empty states, search, spinner. */
export const ui = {
  loading: 'Loading',
  noAccessTitle: 'No access',
  noAccessHeading: 'You do not have access to this page',
  needsPermission:
    'It needs the permission “{{ label }}” ({{ key }}). Ask an administrator to grant it.',
  needsSomePermission: 'Your account does not hold the permission it needs. Ask an administrator.',
  backToOverview: 'Back to overview',
  notFoundBody: 'It does not exist or lies outside your scope.',
  closeDialog: 'Close',
  notifications: 'Notifications',
};
