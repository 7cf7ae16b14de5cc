import { z } from 'zod';
import { defineRoute } from '../../routes/route';

export const OPENAPI_ROUTES = {
  document: defineRoute({
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document',
    access: 'public',
    response: z.record(z.string(), z.unknown()),
    status: 200,
  }),
} as const;
