import type { Messages } from '../en';
import { audit } from './audit';
import { common } from './common';
import { errors } from './errors';
import { roles } from './roles';
import { validation } from './validation';

/** The Simplified Chinese catalog, loaded only when chosen. */
export const zhCN: Messages = {
  audit,
  common,
  errors,
  roles,
  validation,
};
