import type { Messages } from '../en';
import { audit } from './audit';
import { common } from './common';
import { companies } from './companies';
import { errors } from './errors';
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
  validation,
};
