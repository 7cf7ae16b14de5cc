import { loginSchema } from '../../../schemas/auth';
import { loginAnswerSchema, okSchema } from '../../../schemas/me';
import { defineRoute } from '../../routes/route';

/** Sign-in and sign-out, each route declared once. */
export const AUTH_ROUTES = {
  login: defineRoute({
    method: 'POST',
    path: '/auth/login',
    summary: 'Sign in (cookie for web, bearer token for app)',
    access: 'public',
    body: loginSchema,
    response: loginAnswerSchema,
    status: 200,
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/auth/logout',
    summary: 'End this session',
    access: 'session-before-password-change',
    response: okSchema,
    status: 200,
  }),
} as const;
