import type { Messages } from '../en';
import { app } from './app';
import { audit } from './audit';
import { auth } from './auth';
import { common } from './common';
import { companies } from './companies';
import { errors } from './errors';
import { face } from './face';
import { roles } from './roles';
import { shell } from './shell';
import { ui } from './ui';
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
};
