import { ALL_PERMISSION_KEYS } from '../../schemas/permissions';
import type { Actor } from '../../worker/authority/actor';
import { api, appLogin, bearer, createCompany, createUser, ORIGIN } from './fixtures';
import type { SampleIds } from './route-samples';

/**
 * Two separate trees: `acme` (root → east → east-1, and west) with an all-powerful admin
 * scoped to acme, and `other` with its own admin, user and role — ids the acme side must
 * never reach.
 */
export async function twoTrees() {
  const acme = await createCompany('Acme');
  const east = await createCompany('East', acme);
  const east1 = await createCompany('East One', east);
  const west = await createCompany('West', acme);
  const other = await createCompany('Other Corp');
  const otherSub = await createCompany('Other Sub', other);
  const admin = await createUser({
    company: acme,
    permissions: [...ALL_PERMISSION_KEYS],
    longTerm: true,
  });
  const otherAdmin = await createUser({ company: other, permissions: [...ALL_PERMISSION_KEYS] });
  const otherUser = await createUser({ company: otherSub, parentUserId: otherAdmin.id });
  const token = await appLogin(admin.username);
  const otherToken = await appLogin(otherAdmin.username);
  return {
    acme,
    east,
    east1,
    west,
    other,
    otherSub,
    admin,
    otherAdmin,
    otherUser,
    token,
    otherToken,
  };
}

export async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await api(path, {
    method,
    headers: { ...bearer(token), 'content-type': 'application/json', origin: ORIGIN },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return {
    status: res.status,
    body: json as Record<string, unknown> & { error?: { code: string; field?: string } },
  };
}

/** A valid `POST /users` body for a parent-level user of `companyId` (unique username). */
export function newUserBody(companyId: string, extra: Record<string, unknown> = {}) {
  return {
    username: `u${crypto.randomUUID().slice(0, 8)}`,
    password: 'initial-Password-1',
    displayName: 'New Person',
    companyId,
    relatedCompanyId: companyId,
    expiresAt: null,
    roleIds: [],
    permissions: [],
    ...extra,
  };
}

const DAY = 86_400_000;
const sessionOf = (token: string) => token.split('.').slice(0, 2).join('.');

/** An admin's world: its tree, a role, a target user with a live session. */
export async function adminWorld(): Promise<World> {
  const t = await twoTrees();
  const role = await call(t.token, 'POST', '/roles', {
    name: `Own ${crypto.randomUUID().slice(0, 6)}`,
    companyId: t.east.id,
    permissions: ['web.alerts.view'],
  });
  const target = await createUser({
    company: t.east1,
    permissions: ['web.reports.mileage'],
    roles: [['web.playback.tracks']],
  });
  const targetToken = await appLogin(target.username);
  const ids: SampleIds = {
    company: t.east1.id,
    otherCompany: t.east.id,
    user: target.id,
    role: String(role.body.id),
    session: sessionOf(targetToken),
    date: new Date(Date.now() + 30 * DAY).toISOString(),
    emptyCompany: (await createCompany('Empty', t.east)).id,
  };
  return { t, ids, target };
}
export type World = {
  t: Awaited<ReturnType<typeof twoTrees>>;
  ids: SampleIds;
  target: { id: string };
};

/** The tree's admin as the rules see it, holding `permissions`: for calling services directly. */
export const adminActorOf = (
  t: Awaited<ReturnType<typeof twoTrees>>,
  permissions: string[] = [],
): Actor => ({
  id: t.admin.id,
  username: t.admin.username,
  companyId: t.acme.id,
  scopeId: t.acme.id,
  scopePath: t.acme.path,
  expiresAt: null,
  ancestorIds: [],
  permissions: new Set(permissions),
});
