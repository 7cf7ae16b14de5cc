/** Words every screen shares. */
export const common = {
  appName: 'Gatehouse',
  never: 'Never',
  loading: 'Loading…',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  close: 'Close',
  delete: 'Delete',
  edit: 'Edit',
  retry: 'Try again',
  back: 'Back',
  yes: 'Yes',
  no: 'No',
  none: 'None',
  language: 'Language',
  unexpectedError: 'Something went wrong. Try again.',
};
