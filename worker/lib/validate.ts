import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import type { z } from 'zod';
import { isWellFormedText } from '../../schemas/text';
import { ApiError } from './errors';

/** A JSON body must say it is JSON: anything else would be read as `{}` and look valid. */
const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** Deeper JSON than any route takes: refused before anything walks it. */
export const MAX_JSON_DEPTH = 32;

/**
 * What is wrong with the raw text of a request, before zod: the path of the first string (or
 * key) that is not well-formed UTF-16 (a lone surrogate makes the libSQL driver fail), or of a
 * value nested deeper than {@link MAX_JSON_DEPTH}. Walked with an explicit stack, so a hostile
 * body cannot exhaust the call stack.
 */
export function textProblemAt(
  value: unknown,
): { path: string[]; problem: 'malformed' | 'too_deep' } | null {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    const { value: item, path } = next;
    if (path.length > MAX_JSON_DEPTH) return { path, problem: 'too_deep' };
    if (typeof item === 'string') {
      if (!isWellFormedText(item)) return { path, problem: 'malformed' };
    } else if (typeof item === 'object' && item !== null) {
      const entries = Array.isArray(item)
        ? item.map((v, i) => [String(i), v] as const)
        : Object.entries(item);
      for (const [key, child] of entries.reverse()) {
        if (!isWellFormedText(key)) return { path: [...path, key], problem: 'malformed' };
        stack.push({ value: child, path: [...path, key] });
      }
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
    const found = textProblemAt(raw);
    if (found?.problem === 'malformed') {
      throw new ApiError('MALFORMED_TEXT', {
        message: 'The text contains an unpaired surrogate (not well-formed Unicode).',
        field: found.path.join('.') || undefined,
      });
    }
    if (found) {
      throw new ApiError('VALIDATION_FAILED', {
        message: `The body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
        field: found.path.slice(0, 3).join('.') || undefined,
      });
    }
    return validator(c, next);
  };
  return checked;
}

const FORM_TYPE = /^multipart\/form-data\s*;/i;

/** Larger than any form a route takes (four camera frames at their limit, and some text). */
export const MAX_FORM_BYTES = 17 * 1024 * 1024;

/**
 * The validator of a `multipart/form-data` body: 415 for another content type, 413 past
 * {@link MAX_FORM_BYTES}, MALFORMED_TEXT for a text field that is not well-formed Unicode, then
 * the spec's zod schema over `{ field: string | File | (string | File)[] }`.
 */
export function validateForm<T extends z.ZodType>(schema: T): MiddlewareHandler {
  return async (c, next) => {
    if (!FORM_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', {
        message: 'Send the body as multipart/form-data.',
      });
    }
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > MAX_FORM_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE');
    // Read with a limit: a chunked body declares no length, and must not be buffered whole.
    const bytes = await readAtMost(c.req.raw.body, MAX_FORM_BYTES);
    if (bytes === null) throw new ApiError('PAYLOAD_TOO_LARGE');
    let form: FormData;
    try {
      form = await new Response(bytes, {
        headers: { 'content-type': c.req.header('content-type') ?? '' },
      }).formData();
    } catch {
      throw new ApiError('VALIDATION_FAILED', { message: 'The form data cannot be read.' });
    }
    // No prototype: a field named `__proto__` is just a field.
    const fields: Record<string, unknown> = Object.create(null);
    for (const [key, value] of form as unknown as Iterable<[string, string | File]>) {
      if (!isWellFormedText(key) || (typeof value === 'string' && !isWellFormedText(value))) {
        throw new ApiError('MALFORMED_TEXT', {
          message: 'The text contains an unpaired surrogate (not well-formed Unicode).',
          field: isWellFormedText(key) ? key : undefined,
        });
      }
      const before = fields[key];
      fields[key] =
        before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
    }
    const result = await schema.safeParseAsync(fields);
    if (!result.success) throw failure(result.error.issues[0]);
    c.req.addValidatedData('form', result.data as Record<string, unknown>);
    await next();
  };
}

/** The stream's bytes, or null as soon as they pass `limit` (the rest is not read). */
async function readAtMost(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
