import { z } from 'zod';
import { roleIdSchema } from '../../../schemas/ids';
import {
  createRoleSchema,
  deleteRoleQuerySchema,
  roleDeleteResultSchema,
  roleSchema,
  rolesListSchema,
  updateRoleSchema,
} from '../../../schemas/roles';
import { defineRoute } from '../../routes/route';

const params = z.object({ id: roleIdSchema });

/** The roles API, each route declared once. */
export const ROLE_ROUTES = {
  list: defineRoute({
    method: 'GET',
    path: '/roles',
    summary: 'Roles usable in the scope',
    access: 'session',
    permission: 'function.roles.view',
    response: rolesListSchema,
    status: 200,
  }),
  create: defineRoute({
    method: 'POST',
    path: '/roles',
    summary: 'Create a role',
    access: 'session',
    permission: 'function.roles.create',
    body: createRoleSchema,
    response: roleSchema,
    status: 201,
  }),
  update: defineRoute({
    method: 'PATCH',
    path: '/roles/:id',
    summary: 'Rename a role and/or replace its permissions; only the named fields change',
    access: 'session',
    permission: 'function.roles.edit',
    params,
    body: updateRoleSchema,
    response: roleSchema,
    status: 200,
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: '/roles/:id',
    summary: 'Delete a role (force when in use, dryRun counts holders)',
    access: 'session',
    permission: 'function.roles.delete',
    params,
    query: deleteRoleQuerySchema,
    response: roleDeleteResultSchema,
    status: 200,
  }),
} as const;
