import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { createUser } from './fixtures';
import { call, twoTrees } from './org-fixtures';
import { snapshotSubtree } from './snapshot';

type Kind = 'company' | 'user' | 'role' | 'session';
type Ids = Awaited<ReturnType<typeof twoTrees>> & {
  otherRole: string;
  ownRole: string;
  ownUser: string;
};

/**
 * A valid body for every route that takes an id in its path. A new route without an entry
 * here fails the test, so no route escapes the matrix.
 */
const SAMPLE_BODIES: Record<string, (t: Ids) => unknown> = {
  'PATCH /api/v1/companies/:id': (t) => ({ name: 'Renamed', parentId: t.west.id }),
  'DELETE /api/v1/companies/:id': () => undefined,
  'GET /api/v1/companies/:id': () => undefined,
  'GET /api/v1/companies/:id/children': () => undefined,
  'GET /api/v1/companies/:id/users': () => undefined,
  'GET /api/v1/users/:id': () => undefined,
  'PATCH /api/v1/users/:id': () => ({ displayName: 'Renamed' }),
  'DELETE /api/v1/users/:id': () => undefined,
  'GET /api/v1/users/:id/subusers': () => undefined,
  'PUT /api/v1/users/:id/expiry': () => ({
    expiresAt: '2030-01-01T00:00:00.000Z',
    applyToCompany: true,
    includeSubsidiaries: true,
  }),
  'GET /api/v1/users/:id/explain': () => undefined,
  'GET /api/v1/users/:id/sessions': () => undefined,
  'DELETE /api/v1/users/:id/sessions': () => undefined,
  'PUT /api/v1/users/:id/token-config': () => ({
    longTerm: false,
    ttlMinutes: 60,
    exclusiveLogin: true,
  }),
  'DELETE /api/v1/sessions/:id': () => undefined,
  'PATCH /api/v1/roles/:id': () => ({ name: 'Renamed', permissions: [] }),
  'DELETE /api/v1/roles/:id': () => undefined,
};
const QUERIES: Record<string, string> = {
  'GET /api/v1/users/:id/explain': '?permission=web.monitor.map',
  'DELETE /api/v1/roles/:id': '?force=1',
};

function kindOf(path: string): Kind {
  if (path.startsWith('/api/v1/companies/')) return 'company';
  if (path.startsWith('/api/v1/users/')) return 'user';
  if (path.startsWith('/api/v1/roles/')) return 'role';
  if (path.startsWith('/api/v1/sessions/')) return 'session';
  throw new Error(`no id kind known for ${path}`);
}

const routesWithIds = [
  ...new Map(
    app.routes
      .filter((r) => r.method !== 'ALL' && r.path.includes('/:id'))
      .map((r) => [`${r.method} ${r.path}`, r] as const),
  ).values(),
];

async function setup(): Promise<Ids> {
  const t = await twoTrees();
  const otherRole = await call(t.otherToken, 'POST', '/roles', {
    name: 'Other role',
    companyId: t.otherSub.id,
    permissions: ['web.monitor.map'],
  });
  const ownRole = await call(t.token, 'POST', '/roles', {
    name: 'Own',
    companyId: t.east.id,
    permissions: [],
  });
  const ownUser = await createUser({ company: t.east });
  return {
    ...t,
    otherRole: otherRole.body.id as string,
    ownRole: ownRole.body.id as string,
    ownUser: ownUser.id,
  };
}

/** The other tree's admin is signed in; its live session is the outside session. */
const outsideSession = (t: Ids) => t.otherToken.split('.').slice(0, 2).join('.');

const outsideId = (t: Ids, kind: Kind) =>
  ({ company: t.otherSub.id, user: t.otherUser.id, role: t.otherRole, session: outsideSession(t) })[
    kind
  ];

describe('the scope matrix: ids outside the caller’s scope', () => {
  it('covers every route that takes an id', () => {
    expect(routesWithIds.length).toBeGreaterThanOrEqual(17);
    for (const r of routesWithIds)
      expect(SAMPLE_BODIES, `${r.method} ${r.path}`).toHaveProperty([`${r.method} ${r.path}`]);
  });

  it.each(routesWithIds.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s answers 404 and changes nothing',
    async (key, route) => {
      const t = await setup();
      const before = await snapshotSubtree(t.other.path);
      const path = route.path
        .replace('/api/v1', '')
        .replace(':id', outsideId(t, kindOf(route.path)));
      const res = await call(
        t.token,
        route.method,
        `${path}${QUERIES[key] ?? ''}`,
        SAMPLE_BODIES[key]?.(t),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.error?.code).toBe('NOT_FOUND');
      expect(await snapshotSubtree(t.other.path)).toEqual(before);
      expect((await call(t.otherToken, 'GET', '/me')).status).toBe(200);
    },
  );

  const BODY_REFERENCES: [string, string, (t: Ids) => string, (t: Ids) => unknown][] = [
    [
      'POST',
      'company parentId',
      () => '/companies',
      (t) => ({ name: 'X', parentId: t.otherSub.id }),
    ],
    [
      'PATCH',
      'company move target',
      (t) => `/companies/${t.east1.id}`,
      (t) => ({ parentId: t.otherSub.id }),
    ],
    ['POST', 'user companyId', () => '/users', (t) => userBody(t.otherSub.id, t.east.id)],
    ['POST', 'user relatedCompanyId', () => '/users', (t) => userBody(t.east.id, t.otherSub.id)],
    [
      'POST',
      'user parentUserId',
      () => '/users',
      (t) => ({ ...userBody(t.east.id, t.east.id), parentUserId: t.otherUser.id }),
    ],
    [
      'POST',
      'user roleIds',
      () => '/users',
      (t) => ({ ...userBody(t.east.id, t.east.id), roleIds: [t.otherRole] }),
    ],
    [
      'PATCH',
      'user companyId',
      (t) => `/users/${t.ownUser}`,
      (t) => ({ companyId: t.otherSub.id }),
    ],
    [
      'POST',
      'role companyId',
      () => '/roles',
      (t) => ({ name: 'X', companyId: t.otherSub.id, permissions: [] }),
    ],
  ];

  it.each(BODY_REFERENCES)(
    '%s with an outside %s answers 404 and changes nothing',
    async (method, _what, path, body) => {
      const t = await setup();
      const before = await snapshotSubtree(t.other.path);
      const res = await call(t.token, method, path(t), body(t));
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(await snapshotSubtree(t.other.path)).toEqual(before);
    },
  );
});

function userBody(companyId: string, relatedCompanyId: string) {
  return {
    username: `m${crypto.randomUUID().slice(0, 8)}`,
    password: 'initial-Password-1',
    displayName: 'Matrix',
    companyId,
    relatedCompanyId,
    expiresAt: null,
  };
}
