import type { Context, MiddlewareHandler, Next, ValidationTargets } from 'hono';
import type { z } from 'zod';
import type { PermissionKey } from '../../schemas/permissions';
import type { AppEnv } from '../env';
import { validate, validateForm } from '../lib/validate';
import { readCredentials } from '../middleware/auth';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may reach a route: anyone (`public`), a live session that has replaced its initial
 * password (`session`), or any live session, even one that must still replace it
 * (`session-before-password-change`: /me, the password change itself, logout, live).
 */
export type Access = 'public' | 'session' | 'session-before-password-change';

/**
 * One API route, declared once: the router, the OpenAPI document, the password-change gate
 * and the generated tests all read this object.
 */
export interface RouteSpec {
  method: Method;
  /** The path under `/api/v1`, in Hono's syntax (`/users/:id`). */
  path: string;
  summary: string;
  access: Access;
  /** The `function.*` permission the route needs, checked before anything else is read. */
  permission?: PermissionKey;
  /**
   * The route changes another account named by `:id` (or its sessions): the rule for acting
   * on another account applies, and the generated tests try it on stronger accounts.
   */
  actsOnAccount?: boolean;
  /**
   * The route answers a locked APP session (unlock, lock, sign-out); every other route answers
   * it 423 SESSION_LOCKED.
   */
  allowWhenLocked?: true;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /**
   * A `multipart/form-data` body instead of JSON (photos and camera frames): its text fields as
   * strings, its files as `File`s, a field sent several times as an array.
   */
  form?: z.ZodType;
  /** What a success answers; `null` for the WebSocket upgrade. */
  response: z.ZodType | null;
  status: 200 | 201 | 101;
}

/** Keeps a spec's literal types (method, path, status, schemas) for the typed client. */
export const defineRoute = <const S extends RouteSpec>(spec: S): S => spec;

type In<T extends z.ZodType, Target extends keyof ValidationTargets> =
  z.input<T> extends ValidationTargets[Target]
    ? z.input<T>
    : { [K in keyof z.input<T>]: ValidationTargets[Target][K & string] };

type Part<
  S,
  Key extends 'params' | 'query' | 'body' | 'form',
  Target extends keyof ValidationTargets,
> =
  S extends Record<Key, infer T extends z.ZodType>
    ? { in: { [_ in Target]: In<T, Target> }; out: { [_ in Target]: z.output<T> } }
    : { in: Record<never, never>; out: Record<never, never> };

/** The validated input of a route, as zValidator would type it, for `c.req.valid()`. */
export type InputOf<S> = {
  in: Part<S, 'params', 'param'>['in'] &
    Part<S, 'query', 'query'>['in'] &
    Part<S, 'body', 'json'>['in'] &
    Part<S, 'form', 'form'>['in'];
  out: Part<S, 'params', 'param'>['out'] &
    Part<S, 'query', 'query'>['out'] &
    Part<S, 'body', 'json'>['out'] &
    Part<S, 'form', 'form'>['out'];
};

/**
 * The one middleware of a route, built from its spec: read the credentials (unless public),
 * validate params, query and body with the spec's schemas, then hand over to the handler,
 * which must call `authorize` (directly or through `getActor`/`serviceContext`): the session,
 * the initial-password gate and the permission are checked there, in the same round trip as
 * the route's own reads. A session route that answers without authorizing is a bug, refused
 * with a 500 whatever it did.
 */
export function route<const S extends RouteSpec>(
  spec: S,
): MiddlewareHandler<AppEnv, string, InputOf<S>> {
  const validators: MiddlewareHandler[] = [];
  if (spec.params) validators.push(validate('param', spec.params) as MiddlewareHandler);
  if (spec.query) validators.push(validate('query', spec.query) as MiddlewareHandler);
  if (spec.body) validators.push(validate('json', spec.body) as MiddlewareHandler);
  if (spec.form) validators.push(validateForm(spec.form) as MiddlewareHandler);
  return async (c: Context<AppEnv>, next: Next) => {
    if (spec.access !== 'public') {
      c.set('pending', {
        credentials: readCredentials(c),
        allowBeforePasswordChange: spec.access === 'session-before-password-change',
        permission: spec.permission,
        allowWhenLocked: spec.allowWhenLocked === true,
      });
    }
    const run = async (i: number): Promise<void> => {
      const validator = validators[i];
      if (!validator) return next();
      await validator(c, () => run(i + 1));
    };
    await run(0);
    if (spec.access !== 'public' && !c.get('actor') && !c.error) {
      throw new Error(`${spec.method} ${spec.path} answered without authorize()`);
    }
  };
}
