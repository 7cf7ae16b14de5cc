import { loginSchema } from '../../../schemas/auth';
import { okSchema } from '../../../schemas/me';
import {
  codeSentSchema,
  loginAnswerSchema,
  resendCodeSchema,
  unlockResultSchema,
  unlockSchema,
  verifyCodeSchema,
} from '../../../schemas/mfa';
import { defineRoute } from '../../routes/route';

/** Sign-in, its second factor, the APP lock, and sign-out, each route declared once. */
export const AUTH_ROUTES = {
  login: defineRoute({
    method: 'POST',
    path: '/auth/login',
    summary: 'Sign in (cookie for web, bearer token for app), or start the second factor',
    access: 'public',
    body: loginSchema,
    response: loginAnswerSchema,
    status: 200,
  }),
  resendCode: defineRoute({
    method: 'POST',
    path: '/auth/mfa/email',
    summary: 'Mail a new sign-in code for a pending login (the old one stops working)',
    access: 'public',
    body: resendCodeSchema,
    response: codeSentSchema,
    status: 200,
  }),
  verifyCode: defineRoute({
    method: 'POST',
    path: '/auth/mfa/verify',
    summary: 'Finish a pending login with its emailed code: the login answer',
    access: 'public',
    body: verifyCodeSchema,
    response: loginAnswerSchema,
    status: 200,
  }),
  lock: defineRoute({
    method: 'POST',
    path: '/auth/lock',
    summary: 'Lock this APP session until it is unlocked',
    access: 'session-before-password-change',
    allowWhenLocked: true,
    response: okSchema,
    status: 200,
  }),
  unlockEmail: defineRoute({
    method: 'POST',
    path: '/auth/unlock/email',
    summary: 'Mail a code that unlocks this APP session',
    access: 'session-before-password-change',
    allowWhenLocked: true,
    response: codeSentSchema,
    status: 200,
  }),
  unlock: defineRoute({
    method: 'POST',
    path: '/auth/unlock',
    summary: 'Unlock this APP session with the password or an emailed code',
    access: 'session-before-password-change',
    allowWhenLocked: true,
    body: unlockSchema,
    response: unlockResultSchema,
    status: 200,
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/auth/logout',
    summary: 'End this session',
    access: 'session-before-password-change',
    allowWhenLocked: true,
    response: okSchema,
    status: 200,
  }),
} as const;
