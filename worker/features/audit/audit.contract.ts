import { auditPageSchema, auditQuerySchema } from '../../../schemas/audit';
import { defineRoute } from '../../routes/route';

export const AUDIT_ROUTES = {
  list: defineRoute({
    method: 'GET',
    path: '/audit',
    summary: 'The audit log of the scope',
    access: 'session',
    permission: 'function.audit.view',
    query: auditQuerySchema,
    response: auditPageSchema,
    status: 200,
  }),
} as const;
