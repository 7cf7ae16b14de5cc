import { common } from './common';
import { errors } from './errors';
import { mfa } from './mfa';
import { permissions } from './permissions';
import { sessions } from './sessions';
import { users } from './users';
import { validation } from './validation';

/**
 * The English catalog: one namespace per feature, each in its own file beside this one.
 * It is the reference: every other language must have exactly these keys (tsc and
 * `catalog.unit.test.ts` check).
 */
export const en = {
  common,
  errors,
  validation,
  permissions,
  users,
  sessions,
  mfa,
};

export type Messages = typeof en;
