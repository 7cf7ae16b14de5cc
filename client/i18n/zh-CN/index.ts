import type { Messages } from '../en';
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

/** The Simplified Chinese catalog, loaded only when chosen. */
export const zhCN: Messages = {
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
