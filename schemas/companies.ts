import { z } from 'zod';
import { companyIdSchema } from './ids';
import { nameSchema } from './text';

/** A company node of `GET /companies/tree`, nested under its parent. */
export interface CompanyTreeNode {
  id: string;
  name: string;
  parentId: string | null;
  userCount: number;
  /** Direct subsidiaries in the database; `children` may hold fewer when loaded lazily. */
  childCount: number;
  children: CompanyTreeNode[];
}

/** `GET /companies/:id`: one company with the path to it from the caller's scope. */
export interface CompanyDetail {
  id: string;
  name: string;
  parentId: string | null;
  userCount: number;
  childCount: number;
  /** Companies from the caller's scope root down to the parent, outermost first. */
  trail: Company[];
}

export const treeQuerySchema = z.object({
  q: z.string().trim().max(64).optional(),
  /** Levels below the scope root to include (lazy loading); omitted means 2. */
  depth: z.coerce.number().int().min(0).max(50).default(2),
});

export interface Company {
  id: string;
  name: string;
  parentId: string | null;
}

const companyName = nameSchema(120, 'Enter a company name.');

export const createCompanySchema = z.strictObject({
  name: companyName,
  parentId: companyIdSchema,
});
export type CreateCompanyInput = z.input<typeof createCompanySchema>;

export const updateCompanySchema = z
  .strictObject({ name: companyName.optional(), parentId: companyIdSchema.optional() })
  .refine((v) => v.name !== undefined || v.parentId !== undefined, {
    message: 'Change the name or the parent.',
    path: ['name'],
  });
export type UpdateCompanyInput = z.input<typeof updateCompanySchema>;
