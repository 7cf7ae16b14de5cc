import { changePasswordSchema } from '../../../schemas/auth';
import { enrolOwnFaceFormSchema, faceResultSchema } from '../../../schemas/face';
import { meResponseSchema, okSchema } from '../../../schemas/me';
import { defineRoute } from '../../routes/route';

/** The signed-in user's own account, each route declared once. */
export const ME_ROUTES = {
  get: defineRoute({
    method: 'GET',
    path: '/me',
    summary: 'The signed-in user, its scope and effective permissions',
    access: 'session-before-password-change',
    response: meResponseSchema,
    status: 200,
  }),
  password: defineRoute({
    method: 'POST',
    path: '/me/password',
    summary: 'Replace the own password (needs the current one; ends the other sessions)',
    access: 'session-before-password-change',
    body: changePasswordSchema,
    response: okSchema,
    status: 200,
  }),
  enrolFace: defineRoute({
    method: 'POST',
    path: '/me/face',
    summary: 'Enrol or replace the own face (multipart: image, password)',
    access: 'session',
    form: enrolOwnFaceFormSchema,
    response: faceResultSchema,
    status: 201,
  }),
} as const;
