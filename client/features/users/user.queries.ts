import { query } from '@solidjs/router';
import type { PermissionExplanation, UserListItem, UserRecord } from '../../../schemas/users';
import { api, unwrap } from '../../lib/api';

export const getUser = query(
  (id: string): Promise<UserRecord> => unwrap(api.users[':id'].$get({ param: { id } })),
  'user',
);

export const getSubUsers = query(
  (id: string): Promise<{ users: UserListItem[] }> =>
    unwrap(api.users[':id'].subusers.$get({ param: { id } })),
  'subusers',
);

export const explain = (id: string, permission: string): Promise<PermissionExplanation> =>
  unwrap(api.users[':id'].explain.$get({ param: { id }, query: { permission } }));
