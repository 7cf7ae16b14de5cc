import type { Messages } from '../en';
import { app } from './app';
import { auth } from './auth';
import { common } from './common';
import { errors } from './errors';
import { face } from './face';
import { validation } from './validation';

/** The Simplified Chinese catalog, loaded only when chosen. */
export const zhCN: Messages = {
  common,
  errors,
  auth,
  app,
  face,
  validation,
};
