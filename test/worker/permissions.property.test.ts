import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appLogin, createCompany, createUser } from './fixtures';
import { call, twoTrees } from './org-fixtures';

const KEYS = [
  'web.monitor.map',
  'web.alerts.view',
  'web.reports.mileage',
  'app.alerts.view',
] as const;
const MANAGE = ['function.users.view', 'function.users.create', 'function.roles.view'];

const keySet = fc.subarray([...KEYS]);
const grantsArb = fc.record({ direct: keySet, roles: fc.array(keySet, { maxLength: 2 }) });

/** The reference model: union of own grants, intersected down the chain from the root. */
function modelEffective(chainRootFirst: { direct: string[]; roles: string[][] }[]): string[] {
  let inherited: Set<string> | null = null;
  for (const g of chainRootFirst) {
    const own = new Set([...g.direct, ...g.roles.flat()]);
    inherited = inherited === null ? own : new Set([...own].filter((k) => inherited?.has(k)));
  }
  return [...(inherited ?? [])].sort();
}

describe('effective permissions against a reference model', () => {
  it('equal (direct ∪ roles) ∩ parent’s, down sub-user chains of any depth', async () => {
    const t = await twoTrees();
    await fc.assert(
      fc.asyncProperty(fc.array(grantsArb, { minLength: 1, maxLength: 4 }), async (chain) => {
        let parentUserId: string | undefined;
        let last = '';
        for (const g of chain) {
          const u = await createUser({
            company: t.east,
            parentUserId,
            permissions: g.direct,
            roles: g.roles,
          });
          parentUserId = u.id;
          last = u.id;
        }
        const read = await call(t.token, 'GET', `/users/${last}`);
        expect(read.body.effectivePermissions).toEqual(modelEffective(chain));
      }),
      { numRuns: 25 },
    );
  });
});

describe('the grant ceiling against a reference model', () => {
  it('lets an actor grant exactly what it holds (own ∩ its parent’s), directly or by role', async () => {
    const t = await twoTrees();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        keySet,
        keySet,
        keySet,
        keySet,
        async (parentKeys, actorKeys, direct, viaRole) => {
          // Sibling companies need distinct names (a unique index since issue 11).
          const company = await createCompany(`Ceiling ${++runs}`, t.east);
          const parent = await createUser({ company, permissions: [...MANAGE, ...parentKeys] });
          const actor = await createUser({
            company,
            parentUserId: parent.id,
            permissions: [...MANAGE, ...actorKeys],
          });
          const role = await call(t.token, 'POST', '/roles', {
            name: 'P',
            companyId: company.id,
            permissions: viaRole,
          });
          const token = await appLogin(actor.username);
          const res = await call(token, 'POST', '/users', {
            username: `p${crypto.randomUUID().slice(0, 10)}`,
            password: 'initial-Password-1',
            displayName: 'Property',
            companyId: company.id,
            relatedCompanyId: company.id,
            expiresAt: null,
            permissions: direct,
            roleIds: [role.body.id],
          });
          const holds = new Set(actorKeys.filter((k) => parentKeys.includes(k)));
          const allowed = [...direct, ...viaRole].every((k) => holds.has(k));
          expect(res.status, JSON.stringify(res.body)).toBe(allowed ? 201 : 403);
          if (!allowed) expect(res.body.error?.code).toBe('GRANT_EXCEEDS_OWN');
        },
      ),
      { numRuns: 20 },
    );
  });
});
