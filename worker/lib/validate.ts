import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors';

/**
 * zValidator that fails with the one error envelope: VALIDATION_FAILED naming the first
 * field at fault.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ApiError('VALIDATION_FAILED', {
        message: issue?.message ?? 'The request is not valid.',
        field: issue?.path.join('.') || undefined,
        // Custom refinements (e.g. the password policy) name their reason in `params`.
        details: issue?.code === 'custom' ? issue.params : undefined,
      });
    }
  });
}
