import type { Messages } from '../en';
import { common } from './common';
import { companies } from './companies';
import { errors } from './errors';
import { shell } from './shell';
import { ui } from './ui';
import { validation } from './validation';

/** The Simplified Chinese catalog, loaded only when chosen. */
export const zhCN: Messages = {
  common,
  companies,
  shell,
  ui,
  errors,
  validation,
};
