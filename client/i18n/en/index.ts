import { app } from './app';
import { audit } from './audit';
import { auth } from './auth';
import { common } from './common';
import { companies } from './companies';
import { errors } from './errors';
import { face } from './face';
import { mfa } from './mfa';
import { permissions } from './permissions';
import { roles } from './roles';
import { sessions } from './sessions';
import { shell } from './shell';
import { ui } from './ui';
import { users } from './users';
import { validation } from './validation';

/**
 * The English catalog: one namespace per feature, each in its own file beside this one.
 * It is the reference: every other language must have exactly these keys (tsc and
 * `catalog.unit.test.ts` check).
 */
export const en = {
  audit,
  common,
  companies,
  shell,
  ui,
  errors,
  roles,
  auth,
  app,
  face,
  validation,
  permissions,
  users,
  sessions,
  mfa,
};

export type Messages = typeof en;
