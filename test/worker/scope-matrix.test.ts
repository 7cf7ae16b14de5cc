import { describe, expect, it } from 'vitest';
import { ROUTES, routeKey } from '../../worker/routes/registry';
import { createUser } from './fixtures';
import { call, twoTrees } from './org-fixtures';
import { send } from './request';
import { type SampleIds, sampleFor } from './route-samples';
import { snapshotSubtree } from './snapshot';

type Ids = Awaited<ReturnType<typeof twoTrees>> & {
  otherRole: string;
  ownRole: string;
  ownUser: string;
};

/** Every route that takes an id in its path, from the registry. */
const routesWithIds = ROUTES.filter((spec) => spec.path.includes('/:id'));

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

/**
 * The other tree's ids in every slot a sample request can name; the other tree's admin is
 * signed in, so its live session is the outside session. `otherCompany` stays inside the
 * caller's scope, so a 404 can only come from the id in the path.
 */
const outsideIds = (t: Ids): SampleIds => ({
  company: t.otherSub.id,
  otherCompany: t.west.id,
  user: t.otherUser.id,
  role: t.otherRole,
  session: t.otherToken.split('.').slice(0, 2).join('.'),
  date: '2030-01-01T00:00:00.000Z',
});

describe('the scope matrix: ids outside the caller’s scope', () => {
  it('covers every route that takes an id', () => {
    expect(routesWithIds.length).toBeGreaterThanOrEqual(17);
  });

  it.each(routesWithIds.map((spec) => [routeKey(spec), spec] as const))(
    '%s answers 404 and changes nothing',
    async (_key, spec) => {
      const t = await setup();
      const before = await snapshotSubtree(t.other.path);
      const res = await send(spec, sampleFor(spec, outsideIds(t)), t.token);
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
