import { z } from 'zod';
import {
  companyChildrenSchema,
  companyDeleteResultSchema,
  companyDetailSchema,
  companySchema,
  companyTreeSchema,
  createCompanySchema,
  treeQuerySchema,
  updateCompanySchema,
} from '../../../schemas/companies';
import { companyIdSchema } from '../../../schemas/ids';
import { defineRoute } from '../../routes/route';

const params = z.object({ id: companyIdSchema });

/** The companies API, each route declared once. */
export const COMPANY_ROUTES = {
  tree: defineRoute({
    method: 'GET',
    path: '/companies/tree',
    summary: 'The company tree of the scope (lazy) or search matches',
    access: 'session',
    permission: 'function.companies.view',
    query: treeQuerySchema,
    response: companyTreeSchema,
    status: 200,
  }),
  get: defineRoute({
    method: 'GET',
    path: '/companies/:id',
    summary: 'One company with the path to it',
    access: 'session',
    permission: 'function.companies.view',
    params,
    response: companyDetailSchema,
    status: 200,
  }),
  children: defineRoute({
    method: 'GET',
    path: '/companies/:id/children',
    summary: 'Direct subsidiaries',
    access: 'session',
    permission: 'function.companies.view',
    params,
    response: companyChildrenSchema,
    status: 200,
  }),
  create: defineRoute({
    method: 'POST',
    path: '/companies',
    summary: 'Create a company',
    access: 'session',
    permission: 'function.companies.create',
    body: createCompanySchema,
    response: companySchema,
    status: 201,
  }),
  update: defineRoute({
    method: 'PATCH',
    path: '/companies/:id',
    summary: 'Rename or move a company',
    access: 'session',
    permission: 'function.companies.edit',
    params,
    body: updateCompanySchema,
    response: companySchema,
    status: 200,
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: '/companies/:id',
    summary: 'Delete an empty company',
    access: 'session',
    permission: 'function.companies.delete',
    params,
    response: companyDeleteResultSchema,
    status: 200,
  }),
} as const;
