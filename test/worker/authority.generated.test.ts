import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSION_KEYS, type PermissionKey } from '../../schemas/permissions';
import { hubFor } from '../../worker/durable-objects/session-hub.client';
import type { Bindings } from '../../worker/env';
import { ROUTES, routeKey } from '../../worker/routes/registry';
import { appLogin, createUser } from './fixtures';
import { adminWorld, call, type World } from './org-fixtures';
import { send } from './request';
import { type SampleIds, sampleFor } from './route-samples';
import { snapshotSubtree } from './snapshot';

const DAY = 86_400_000;
const sessionOf = (token: string) => token.split('.').slice(0, 2).join('.');
const liveSessions = async (userId: string) =>
  (await hubFor(env as Bindings, userId).list()).length;

let shared: Promise<World> | undefined;
/** One world for the tests whose requests are all refused (they change nothing). */
const sharedWorld = () => {
  shared ??= adminWorld();
  return shared;
};

describe('(a) every guarded route answers 403 to an actor holding every permission but its own', () => {
  const guarded = ROUTES.filter((spec) => spec.permission !== undefined);

  it('covers every route that names a permission', () => {
    expect(guarded.length).toBeGreaterThanOrEqual(20);
  });

  it.each(guarded.map((spec) => [routeKey(spec), spec] as const))('%s', async (_key, spec) => {
    const { t, ids } = await sharedWorld();
    const permission = spec.permission as PermissionKey;
    const actor = await createUser({
      company: t.acme,
      permissions: ALL_PERMISSION_KEYS.filter((key) => key !== permission),
    });
    const token = await appLogin(actor.username);
    const before = await snapshotSubtree(t.acme.path);
    const res = await send(spec, sampleFor(spec, ids), token);
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'PERMISSION_REQUIRED', details: { permission } });
    expect(await snapshotSubtree(t.acme.path)).toEqual(before);
  });
});

/**
 * A sub-user two levels down (grand → parent → actor, all in `acme`) holding everything but
 * one permission, and accounts in its scope that are not below it.
 */
async function chainWorld() {
  const { t, ids } = await adminWorld();
  const until = new Date(Date.now() + 30 * DAY);
  const lacking: PermissionKey = 'web.monitor.video';
  const all = [...ALL_PERMISSION_KEYS];
  const grand = await createUser({ company: t.acme, permissions: all, expiresAt: until });
  const parent = await createUser({
    company: t.east,
    parentUserId: grand.id,
    permissions: all,
    expiresAt: until,
  });
  const actor = await createUser({
    company: t.east,
    parentUserId: parent.id,
    permissions: all.filter((key) => key !== lacking),
    expiresAt: until,
  });
  const soon = new Date(Date.now() + DAY);
  const targets = {
    stronger: await createUser({ company: t.east1, permissions: [lacking], expiresAt: soon }),
    widerScope: await createUser({ company: t.east1, relatedCompany: t.acme, expiresAt: soon }),
    laterExpiry: await createUser({ company: t.east1, expiresAt: null }),
    parent,
    grandparent: grand,
  };
  const weak = await createUser({
    company: t.east1,
    permissions: ['web.monitor.map'],
    expiresAt: soon,
  });
  const sessions: Record<string, string> = {};
  for (const u of [...Object.values(targets), weak]) sessions[u.id] = await appLogin(u.username);
  return { t, ids, actor, token: await appLogin(actor.username), targets, weak, sessions, soon };
}

describe('(b) every route that acts on another account refuses accounts not entirely below the actor', () => {
  const acting = ROUTES.filter((spec) => spec.actsOnAccount);

  it('covers every route that changes another account or its sessions', () => {
    expect(acting.map(routeKey).sort()).toEqual(
      [
        'DELETE /api/v1/sessions/:id',
        'DELETE /api/v1/users/:id',
        'DELETE /api/v1/users/:id/sessions',
        'POST /api/v1/users/:id/face',
        'DELETE /api/v1/users/:id/face',
        'PATCH /api/v1/users/:id',
        'PUT /api/v1/users/:id/expiry',
        'PUT /api/v1/users/:id/mfa',
        'PUT /api/v1/users/:id/token-config',
      ].sort(),
    );
  });

  it.each(acting.map((spec) => [routeKey(spec), spec] as const))(
    '%s refuses a stronger account, a wider scope, a later expiry, the parent and the grandparent; acts on a weaker one',
    async (_key, spec) => {
      const w = await chainWorld();
      const idsFor = (userId: string): SampleIds => ({
        ...w.ids,
        company: w.t.east1.id,
        otherCompany: w.t.east.id,
        user: userId,
        session: sessionOf(w.sessions[userId] ?? ''),
        date: w.soon.toISOString(),
      });
      for (const [name, target] of Object.entries(w.targets)) {
        const before = await snapshotSubtree(w.t.acme.path);
        const sessions = await liveSessions(target.id);
        const res = await send(spec, sampleFor(spec, idsFor(target.id)), w.token);
        expect([403, 404], `${name}: ${JSON.stringify(res.body)}`).toContain(res.status);
        expect(await snapshotSubtree(w.t.acme.path), name).toEqual(before);
        expect(await liveSessions(target.id), name).toBe(sessions);
      }
      // The same request on an account below the actor goes through: the refusals above are
      // the rule, not a broken sample.
      const ok = await send(spec, sampleFor(spec, idsFor(w.weak.id)), w.token);
      expect(ok.status, JSON.stringify(ok.body)).toBeLessThan(300);
    },
  );
});

/** What a one-field body may change besides the field itself. */
const ALSO_CHANGES: Record<string, string[]> = {
  roleIds: ['effectivePermissions'],
  permissions: ['effectivePermissions'],
  password: [],
};

const PARTIAL_UPDATES = ROUTES.filter(
  (spec) => (spec.method === 'PATCH' || spec.method === 'PUT') && spec.body !== undefined,
);

describe('(c) a one-field update leaves every other field as it was', () => {
  it('covers every PATCH and PUT route', () => {
    expect(PARTIAL_UPDATES.map(routeKey).sort()).toEqual(
      [
        'PATCH /api/v1/companies/:id',
        'PATCH /api/v1/roles/:id',
        'PATCH /api/v1/users/:id',
        'PUT /api/v1/users/:id/expiry',
        'PUT /api/v1/users/:id/mfa',
        'PUT /api/v1/users/:id/token-config',
      ].sort(),
    );
  });

  const cases = PARTIAL_UPDATES.flatMap((spec) => {
    const probe = sampleFor(spec, {
      company: 'co_x',
      otherCompany: 'co_y',
      user: 'us_x',
      role: 'ro_x',
      session: 's',
      date: '',
    });
    return Object.keys(probe.body as object).map((field) => [routeKey(spec), field, spec] as const);
  });

  it.each(cases)('%s with only “%s”', async (_key, field, spec) => {
    const { t, ids } = await adminWorld();
    const sample = sampleFor(spec, ids);
    const one = { [field]: (sample.body as Record<string, unknown>)[field] };
    const read = async () => {
      if (spec.path.startsWith('/roles/')) {
        const list = await call(t.token, 'GET', '/roles');
        return (list.body.roles as { id: string }[]).find((r) => r.id === ids.role) as object;
      }
      const path = spec.path.startsWith('/companies/')
        ? `/companies/${ids.company}`
        : `/users/${ids.user}`;
      return (await call(t.token, 'GET', path)).body;
    };
    const before = (await read()) as Record<string, unknown>;
    const res = await send(spec, { ...sample, body: one }, t.token);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
    const after = (await read()) as Record<string, unknown>;
    const free = new Set([field, 'updatedAt', ...(ALSO_CHANGES[field] ?? [])]);
    if (spec.path.endsWith('/token-config')) free.add('tokenConfig');
    for (const key of Object.keys(before)) {
      if (!free.has(key))
        expect(after[key], `${key} after sending only ${field}`).toEqual(before[key]);
    }
  });
});

describe('every route under outages and malformed input', () => {
  const world = async () => {
    const w = await sharedWorld();
    return { ...w, token: w.t.token };
  };
  // The document is built from the route list; an unknown challenge is refused by the user's
  // hub before anything is read (the samples name none).
  const withoutDatabase = new Set([
    '/openapi.json',
    '/auth/mfa/email',
    '/auth/mfa/verify',
    '/auth/mfa/face/start',
    '/auth/mfa/face',
  ]);
  const withDatabase = ROUTES.filter((spec) => !withoutDatabase.has(spec.path));

  it.each(withDatabase.map((spec) => [routeKey(spec), spec] as const))(
    '%s answers 503 UNAVAILABLE with Retry-After when the database refuses or hangs',
    async (_key, spec) => {
      const w = await world();
      for (const fault of ['db.down', 'db.hang']) {
        const res = await send(spec, sampleFor(spec, w.ids), w.token, {
          headers: { 'x-gatehouse-fault': fault },
        });
        expect(res.status, `${fault}: ${JSON.stringify(res.body)}`).toBe(503);
        expect(res.body.error?.code).toBe('UNAVAILABLE');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    },
  );

  const withBodies = ROUTES.filter((spec) => spec.body !== undefined);

  it.each(withBodies.map((spec) => [routeKey(spec), spec] as const))(
    '%s refuses a body that is not application/json (415), an unknown field and a lone surrogate in any string, writing nothing',
    async (_key, spec) => {
      const w = await world();
      const sample = sampleFor(spec, w.ids);
      const before = await snapshotSubtree(w.t.acme.path);
      const plain = await send(spec, sample, w.token, {
        headers: { 'content-type': 'text/plain' },
      });
      expect(plain.status).toBe(415);
      expect(plain.body.error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const extra = await send(
        spec,
        { ...sample, body: { ...(sample.body as object), unexpected: 1 } },
        w.token,
      );
      expect(extra.status).toBe(400);
      expect(extra.body.error).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'unexpected' });
      for (const [field, value] of Object.entries(sample.body as Record<string, unknown>)) {
        const bad =
          typeof value === 'string'
            ? `a\uD800${value}`
            : Array.isArray(value) && typeof value[0] === 'string'
              ? [`\uDC00${value[0]}`]
              : undefined;
        if (bad === undefined) continue;
        const res = await send(
          spec,
          { ...sample, body: { ...(sample.body as object), [field]: bad } },
          w.token,
        );
        expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.error).toMatchObject({
          code: 'MALFORMED_TEXT',
          field: Array.isArray(bad) ? `${field}.0` : field,
        });
      }
      expect(await snapshotSubtree(w.t.acme.path)).toEqual(before);
    },
  );
});
