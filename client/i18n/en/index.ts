import { app } from './app';
import { auth } from './auth';
import { common } from './common';
import { errors } from './errors';
import { face } from './face';
import { validation } from './validation';

/**
 * The English catalog: one namespace per feature, each in its own file beside this one.
 * It is the reference: every other language must have exactly these keys (tsc and
 * `catalog.unit.test.ts` check).
 */
export const en = {
  common,
  errors,
  auth,
  app,
  face,
  validation,
};

export type Messages = typeof en;
