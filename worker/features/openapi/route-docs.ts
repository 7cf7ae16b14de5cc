import type { z } from 'zod';
import { auditQuerySchema } from '../../../schemas/audit';
import { changePasswordSchema, loginSchema } from '../../../schemas/auth';
import {
  createCompanySchema,
  treeQuerySchema,
  updateCompanySchema,
} from '../../../schemas/companies';
import { createRoleSchema, deleteRoleQuerySchema, updateRoleSchema } from '../../../schemas/roles';
import {
  createUserSchema,
  dryRunQuerySchema,
  expiryUpdateSchema,
  explainQuerySchema,
  tokenConfigSchema,
  updateUserSchema,
  userListQuerySchema,
} from '../../../schemas/users';

export interface RouteDoc {
  summary: string;
  /** The `function.*` permission the route needs, when it needs one. */
  permission?: string;
  body?: z.ZodType;
  query?: z.ZodType;
  public?: boolean;
}

/**
 * One entry per API route, keyed `METHOD /api/v1/path` exactly as Hono lists it, holding the
 * very schemas the validators use. A test fails when a route has no entry here.
 */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /api/v1/health': { summary: 'Liveness of the Worker and its database', public: true },
  'GET /api/v1/openapi.json': { summary: 'This document', public: true },
  'POST /api/v1/auth/login': {
    summary: 'Sign in (cookie for web, bearer token for app)',
    body: loginSchema,
    public: true,
  },
  'POST /api/v1/auth/logout': { summary: 'End this session' },
  'GET /api/v1/me': { summary: 'The signed-in user, its scope and effective permissions' },
  'POST /api/v1/me/password': { summary: 'Replace the own password', body: changePasswordSchema },
  'POST /api/v1/live/ticket': { summary: 'A single-use ticket for a bearer client to open /live' },
  'GET /api/v1/live': {
    summary: 'WebSocket of live notices: kicked, permissions_changed, expiry_changed',
  },
  'GET /api/v1/companies/tree': {
    summary: 'The company tree of the scope (lazy) or search matches',
    permission: 'function.companies.view',
    query: treeQuerySchema,
  },
  'POST /api/v1/companies': {
    summary: 'Create a company',
    permission: 'function.companies.create',
    body: createCompanySchema,
  },
  'GET /api/v1/companies/:id': {
    summary: 'One company with the path to it',
    permission: 'function.companies.view',
  },
  'GET /api/v1/companies/:id/children': {
    summary: 'Direct subsidiaries',
    permission: 'function.companies.view',
  },
  'PATCH /api/v1/companies/:id': {
    summary: 'Rename or move a company',
    permission: 'function.companies.edit',
    body: updateCompanySchema,
  },
  'DELETE /api/v1/companies/:id': {
    summary: 'Delete an empty company',
    permission: 'function.companies.delete',
  },
  'GET /api/v1/companies/:id/users': {
    summary: 'A page of a company’s users',
    permission: 'function.users.view',
    query: userListQuerySchema,
  },
  'POST /api/v1/users': {
    summary: 'Create a user or sub-user',
    permission: 'function.users.create',
    body: createUserSchema,
  },
  'GET /api/v1/users/:id': {
    summary: 'One user with effective permissions',
    permission: 'function.users.view',
  },
  'PATCH /api/v1/users/:id': {
    summary: 'Edit a user (also disable, reset password)',
    permission: 'function.users.edit',
    body: updateUserSchema,
  },
  'DELETE /api/v1/users/:id': {
    summary: 'Delete a user and all its sub-users',
    permission: 'function.users.delete',
    query: dryRunQuerySchema,
  },
  'GET /api/v1/users/:id/subusers': {
    summary: 'Direct sub-users',
    permission: 'function.users.view',
  },
  'PUT /api/v1/users/:id/expiry': {
    summary: 'Set an expiry, optionally for the whole company',
    permission: 'function.users.expiry.edit',
    body: expiryUpdateSchema,
    query: dryRunQuerySchema,
  },
  'PUT /api/v1/users/:id/token-config': {
    summary: 'Token rules: long-term, lifetime, exclusive login',
    permission: 'function.tokens.configure',
    body: tokenConfigSchema,
  },
  'GET /api/v1/users/:id/explain': {
    summary: 'Why a user holds or lacks a permission',
    permission: 'function.users.view',
    query: explainQuerySchema,
  },
  'GET /api/v1/users/:id/sessions': { summary: 'Live sessions (own, or function.sessions.view)' },
  'DELETE /api/v1/users/:id/sessions': {
    summary: 'End all live sessions (own, or function.sessions.revoke)',
  },
  'DELETE /api/v1/sessions/:id': {
    summary: 'End one live session (own, or function.sessions.revoke)',
  },
  'GET /api/v1/roles': { summary: 'Roles usable in the scope', permission: 'function.roles.view' },
  'POST /api/v1/roles': {
    summary: 'Create a role',
    permission: 'function.roles.create',
    body: createRoleSchema,
  },
  'PATCH /api/v1/roles/:id': {
    summary: 'Rename a role or replace its permissions',
    permission: 'function.roles.edit',
    body: updateRoleSchema,
  },
  'DELETE /api/v1/roles/:id': {
    summary: 'Delete a role (force when in use)',
    permission: 'function.roles.delete',
    query: deleteRoleQuerySchema,
  },
  'GET /api/v1/permissions/catalog': { summary: 'The permission catalog (function, web, app)' },
  'GET /api/v1/audit': {
    summary: 'The audit log of the scope',
    permission: 'function.audit.view',
    query: auditQuerySchema,
  },
};
