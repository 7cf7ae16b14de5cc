import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { isWellFormedText } from '../../schemas/text';
import { ApiError } from './errors';

/** A JSON body must say it is JSON: anything else would be read as `{}` and look valid. */
const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * The path of the first string in `value` that is not well-formed UTF-16 (a lone surrogate),
 * or null. Such strings make the libSQL driver fail, so they are refused before anything else.
 */
export function malformedTextAt(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return isWellFormedText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = malformedTextAt(item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isWellFormedText(key)) return [...path, key];
      const found = malformedTextAt(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

function failure(issue: z.core.$ZodIssue | undefined): ApiError {
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return new ApiError('UNKNOWN_FIELD', {
      message: `This route does not take “${key}”.`,
      field: [...issue.path.map(String), key].join('.'),
    });
  }
  return new ApiError('VALIDATION_FAILED', {
    message: issue?.message ?? 'The request is not valid.',
    field: issue?.path.map(String).join('.') || undefined,
    // Custom refinements (e.g. the password policy) name their reason in `params`.
    details: issue?.code === 'custom' ? issue.params : undefined,
  });
}

/**
 * zValidator that fails with the one error envelope, naming the field at fault: 415 for a
 * body that is not `application/json`, MALFORMED_TEXT for a lone surrogate, UNKNOWN_FIELD for
 * a field the (strict) schema does not take, VALIDATION_FAILED for the rest.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) throw failure(result.error.issues[0]);
  });
  const checked: typeof validator = async (c, next) => {
    if (target === 'json' && !JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE');
    }
    // Checked on the raw input, before zod: its messages would not name the real problem.
    const raw =
      target === 'json'
        ? await c.req.json().catch(() => undefined)
        : target === 'query'
          ? c.req.query()
          : target === 'param'
            ? c.req.param()
            : undefined;
    const at = malformedTextAt(raw);
    if (at) {
      throw new ApiError('MALFORMED_TEXT', {
        message: 'The text contains an unpaired surrogate (not well-formed Unicode).',
        field: at.join('.') || undefined,
      });
    }
    return validator(c, next);
  };
  return checked;
}
