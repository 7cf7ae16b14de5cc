import { z } from 'zod';
import type { PermissionNode } from './permissions';

// Apart from the catalog itself so the console's first bundle, which reads the catalog, does
// not pull in zod.
export const permissionNodeSchema: z.ZodType<PermissionNode> = z.object({
  key: z.string(),
  label: z.string(),
  get children() {
    return z.array(permissionNodeSchema).optional();
  },
});
/** `GET /permissions/catalog`: the three trees. */
export const catalogSchema = z.object({
  function: z.array(permissionNodeSchema),
  web: z.array(permissionNodeSchema),
  app: z.array(permissionNodeSchema),
});
