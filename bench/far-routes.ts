import { eq } from 'drizzle-orm';
import * as schema from '../db/schema';
import { type Call, expectStatus, type TimedResponse } from './api-client';
import type { BenchDb } from './bench-stack';

/** What the round-trip goals hold a route to: reads 1 trip, writes and sign-in ≤ 2. */
export type RouteKind = 'read' | 'write' | 'sign-in';

export interface RouteCase {
  label: string;
  kind: RouteKind;
  /** The route hashes a password it does not report in Server-Timing (creating an account). */
  hashesUnreported?: boolean;
  /** Sends iteration `i`; any preparation it does is outside the timed fetch. */
  send(i: number): Promise<TimedResponse>;
}

/** The demo organisation's ids and the bench's own fixtures, made once through the API. */
export interface FarFixtures {
  token: string;
  berlinBranch: string;
  fleetNorth: string;
  fleetSouth: string;
  emma: string;
  /** A user below the admin that the write routes edit over and over. */
  target: string;
  /** A role held by `target`, renamed over and over. */
  role: string;
}

export const SIGN_IN = { username: 'lucas.martin', client: 'app' } as const;

/** A password the policy accepts for accounts the bench creates (no part of their names). */
const NEW_ACCOUNT_PASSWORD = 'initial-Passw0rd-42';

async function idOf<T>(what: string, row: Promise<T | undefined>): Promise<T> {
  const found = await row;
  if (!found) throw new Error(`demo seed has no ${what}`);
  return found;
}

/** Looks up the demo seed's ids and creates the target user and role through the API. */
export async function makeFixtures(
  db: BenchDb,
  call: Call,
  password: string,
): Promise<FarFixtures> {
  const company = (name: string) =>
    idOf(
      name,
      db.query.companies.findFirst({
        where: eq(schema.companies.name, name),
        columns: { id: true },
      }),
    ).then((c) => c.id);
  const user = (key: string) =>
    idOf(
      key,
      db.query.users.findFirst({ where: eq(schema.users.usernameKey, key), columns: { id: true } }),
    ).then((u) => u.id);
  const login = await call('POST', '/auth/login', { username: 'admin', password, client: 'app' });
  const { token } = expectStatus(login, 200, 'admin sign-in').body as { token: string };
  const [berlinBranch, fleetNorth, fleetSouth, emma] = await Promise.all([
    company('Berlin Branch'),
    company('Fleet Berlin North'),
    company('Fleet Berlin South'),
    user('emma.weber'),
  ]);
  const roleRes = await call(
    'POST',
    '/roles',
    { name: 'Bench role', companyId: berlinBranch, permissions: ['web.monitor.map'] },
    token,
  );
  const role = (expectStatus(roleRes, 201, 'bench role').body as { id: string }).id;
  const targetRes = await call(
    'POST',
    '/users',
    {
      username: 'bench.target',
      password: NEW_ACCOUNT_PASSWORD,
      displayName: 'Bench Target',
      companyId: fleetNorth,
      relatedCompanyId: fleetNorth,
      expiresAt: null,
      roleIds: [role],
    },
    token,
  );
  const target = (expectStatus(targetRes, 201, 'bench target').body as { id: string }).id;
  return { token, berlinBranch, fleetNorth, fleetSouth, emma, target, role };
}

/** Ids the write routes created during one pass, deleted again (untimed) after it. */
export interface Created {
  users: string[];
  roles: string[];
  companies: string[];
}

/**
 * The routes the far bench times, reads first. Writes change something on every call (a
 * re-sent value is no change and may skip work) and the accounts POST /users creates are the
 * ones DELETE /users/:id removes, so a pass leaves the organisation as it found it.
 */
export function farRoutes(
  call: Call,
  f: FarFixtures,
  signInPassword: string,
  created: Created,
  pass: string,
): RouteCase[] {
  const as = (method: string, path: string, expected: number, body?: unknown) =>
    call(method, path, body, f.token).then((res) =>
      expectStatus(res, expected, `${method} ${path}`),
    );
  const tag = (i: number) => `${pass}-${i}`;
  const expiry = (i: number) => new Date(Date.UTC(2031, 0, 1, 0, i)).toISOString();
  return [
    { label: 'GET /me', kind: 'read', send: () => as('GET', '/me', 200) },
    { label: 'GET /companies/tree', kind: 'read', send: () => as('GET', '/companies/tree', 200) },
    {
      label: 'GET /companies/:id',
      kind: 'read',
      send: () => as('GET', `/companies/${f.berlinBranch}`, 200),
    },
    {
      label: 'GET /companies/:id/users',
      kind: 'read',
      send: () => as('GET', `/companies/${f.berlinBranch}/users`, 200),
    },
    { label: 'GET /users/:id', kind: 'read', send: () => as('GET', `/users/${f.emma}`, 200) },
    {
      label: 'GET /users/:id/subusers',
      kind: 'read',
      send: () => as('GET', `/users/${f.emma}/subusers`, 200),
    },
    { label: 'GET /roles', kind: 'read', send: () => as('GET', '/roles', 200) },
    { label: 'GET /audit', kind: 'read', send: () => as('GET', '/audit', 200) },
    {
      label: 'POST /auth/login',
      kind: 'sign-in',
      send: () =>
        call('POST', '/auth/login', { ...SIGN_IN, password: signInPassword }).then((res) =>
          expectStatus(res, 200, 'sign-in'),
        ),
    },
    {
      label: 'POST /users',
      kind: 'write',
      hashesUnreported: true,
      send: async (i) => {
        const res = await as('POST', '/users', 201, {
          username: `far.${tag(i)}`,
          password: NEW_ACCOUNT_PASSWORD,
          displayName: `Far ${tag(i)}`,
          companyId: f.fleetSouth,
          relatedCompanyId: f.fleetSouth,
          expiresAt: null,
        });
        created.users.push((res.body as { id: string }).id);
        return res;
      },
    },
    {
      label: 'PATCH /users/:id',
      kind: 'write',
      send: (i) =>
        as('PATCH', `/users/${f.target}`, 200, { displayName: `Bench Target ${tag(i)}` }),
    },
    {
      label: 'PUT /users/:id/expiry',
      kind: 'write',
      send: (i) =>
        as('PUT', `/users/${f.target}/expiry`, 200, {
          expiresAt: expiry(i),
          applyToCompany: false,
        }),
    },
    {
      label: 'PUT /users/:id/token-config',
      kind: 'write',
      send: (i) =>
        as('PUT', `/users/${f.target}/token-config`, 200, {
          longTerm: false,
          ttlMinutes: 60 + i,
          exclusiveLogin: false,
        }),
    },
    {
      label: 'DELETE /users/:id',
      kind: 'write',
      send: () => {
        const id = created.users.shift();
        if (!id) throw new Error('DELETE /users/:id ran out of accounts made by POST /users');
        return as('DELETE', `/users/${id}`, 200);
      },
    },
    {
      label: 'POST /roles',
      kind: 'write',
      send: async (i) => {
        const res = await as('POST', '/roles', 201, {
          name: `Far role ${tag(i)}`,
          companyId: f.berlinBranch,
          permissions: ['web.monitor.map'],
        });
        created.roles.push((res.body as { id: string }).id);
        return res;
      },
    },
    {
      label: 'PATCH /roles/:id',
      kind: 'write',
      send: (i) => as('PATCH', `/roles/${f.role}`, 200, { name: `Bench role ${tag(i)}` }),
    },
    {
      label: 'POST /companies',
      kind: 'write',
      send: async (i) => {
        const res = await as('POST', '/companies', 201, {
          name: `Far fleet ${tag(i)}`,
          parentId: f.fleetNorth,
        });
        created.companies.push((res.body as { id: string }).id);
        return res;
      },
    },
  ];
}

/** Deletes, through the API, what a pass created, so the next pass reads the same data. */
export async function removeCreated(call: Call, f: FarFixtures, created: Created): Promise<void> {
  for (const id of created.roles.splice(0)) {
    expectStatus(await call('DELETE', `/roles/${id}?force=1`, undefined, f.token), 200, 'role');
  }
  for (const id of created.companies.splice(0)) {
    expectStatus(await call('DELETE', `/companies/${id}`, undefined, f.token), 200, 'company');
  }
  for (const id of created.users.splice(0)) {
    expectStatus(await call('DELETE', `/users/${id}`, undefined, f.token), 200, 'user');
  }
}
