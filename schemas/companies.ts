import { z } from 'zod';
import { companyIdSchema } from './ids';
import { nameSchema } from './text';

export const companySchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
});
export type Company = z.infer<typeof companySchema>;

/** A company node of `GET /companies/tree`, nested under its parent. */
export interface CompanyTreeNode extends Company {
  userCount: number;
  /** Direct subsidiaries in the database; `children` may hold fewer when loaded lazily. */
  childCount: number;
  children: CompanyTreeNode[];
}
export const companyTreeNodeSchema: z.ZodType<CompanyTreeNode> = companySchema.extend({
  userCount: z.number().int(),
  childCount: z.number().int(),
  get children() {
    return z.array(companyTreeNodeSchema);
  },
});
export const companyTreeSchema = z.object({ roots: z.array(companyTreeNodeSchema) });
export const companyChildrenSchema = z.object({ children: z.array(companyTreeNodeSchema) });

/** `GET /companies/:id`: one company with the path to it from the caller's scope. */
export const companyDetailSchema = companySchema.extend({
  userCount: z.number().int(),
  childCount: z.number().int(),
  /** Companies from the caller's scope root down to the parent, outermost first. */
  trail: z.array(companySchema),
  /**
   * What it still holds (users counted as members or scoped to it): a company is deleted only
   * when all are 0, so the console can say so before anyone confirms.
   */
  contents: z.object({
    companies: z.number().int(),
    users: z.number().int(),
    roles: z.number().int(),
  }),
});
export type CompanyDetail = z.infer<typeof companyDetailSchema>;
export const companyDeleteResultSchema = z.object({ deleted: z.number().int() });

export const treeQuerySchema = z.object({
  q: z.string().trim().max(64).optional(),
  /** Levels below the scope root to include (lazy loading); omitted means 2. */
  depth: z.coerce.number().int().min(0).max(50).default(2),
});

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
