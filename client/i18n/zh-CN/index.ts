import type { Messages } from '../en';
import { common } from './common';
import { errors } from './errors';
import { mfa } from './mfa';
import { permissions } from './permissions';
import { sessions } from './sessions';
import { users } from './users';
import { validation } from './validation';

/** The Simplified Chinese catalog, loaded only when chosen. */
export const zhCN: Messages = {
  common,
  errors,
  validation,
  permissions,
  users,
  sessions,
  mfa,
};
