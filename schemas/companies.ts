import { z } from 'zod';
import { companyIdSchema } from './ids';

/** A company node of `GET /companies/tree`, nested under its parent. */
export interface CompanyTreeNode {
  id: string;
  name: string;
  parentId: string | null;
  userCount: number;
  children: CompanyTreeNode[];
}

export interface Company {
  id: string;
  name: string;
  parentId: string | null;
}

const companyName = z
  .string()
  .trim()
  .min(1, 'Enter a company name.')
  .max(120, 'Use at most 120 characters.');

export const createCompanySchema = z.object({
  name: companyName,
  parentId: companyIdSchema,
});
export type CreateCompanyInput = z.input<typeof createCompanySchema>;

export const updateCompanySchema = z
  .object({ name: companyName.optional(), parentId: companyIdSchema.optional() })
  .refine((v) => v.name !== undefined || v.parentId !== undefined, {
    message: 'Change the name or the parent.',
    path: ['name'],
  });
export type UpdateCompanyInput = z.input<typeof updateCompanySchema>;
