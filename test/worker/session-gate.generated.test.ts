import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { ALL_PERMISSION_KEYS } from '../../schemas/permissions';
import { DB_TRIPS_HEADER } from '../../worker/middleware/database';
import { ROUTES, routeKey } from '../../worker/routes/registry';
import { appLogin, bearer, createUser, postJson, testDb } from './fixtures';
import { adminWorld, type World } from './org-fixtures';
import { send } from './request';
import { sampleFor } from './route-samples';
import { snapshotSubtree } from './snapshot';

/**
 * A route's own reads now travel in the same batch as the session check (`authorize`), before
 * the actor is known. So, on every session route: no token, a logged-out session, a disabled
 * account's session and an account that must still replace its initial password are refused
 * with the same answer as before, carrying none of the route's data, and nothing changes; a
 * made-up token does not even reach the database.
 */
const sessionRoutes = ROUTES.filter((spec) => spec.access !== 'public');

/** A full admin of the world's tree, as a session in the given state. */
async function adminIn(world: World, state: 'logged_out' | 'disabled' | 'must_change') {
  const admin = await createUser({ company: world.t.acme, permissions: [...ALL_PERMISSION_KEYS] });
  const token = await appLogin(admin.username);
  if (state === 'logged_out') {
    expect((await postJson('/auth/logout', {}, bearer(token))).status).toBe(200);
  } else {
    const set =
      state === 'disabled' ? { status: 'disabled' as const } : { mustChangePassword: true };
    await testDb().update(users).set(set).where(eq(users.id, admin.id));
  }
  return token;
}

let shared: Promise<{ world: World; tokens: Record<string, string | null> }> | undefined;
const sharedWorld = () => {
  shared ??= (async () => {
    const world = await adminWorld();
    return {
      world,
      tokens: {
        none: null,
        // Well formed, naming a real account, but no session of it: made up by an attacker.
        forged: `${world.t.admin.id}.${'A'.repeat(16)}.${'A'.repeat(43)}`,
        logged_out: await adminIn(world, 'logged_out'),
        disabled: await adminIn(world, 'disabled'),
        must_change: await adminIn(world, 'must_change'),
      },
    };
  })();
  return shared;
};

const EXPECTED: Record<string, { status: number; code: string }> = {
  none: { status: 401, code: 'UNAUTHENTICATED' },
  forged: { status: 401, code: 'SESSION_ENDED' },
  logged_out: { status: 401, code: 'SESSION_ENDED' },
  disabled: { status: 401, code: 'SESSION_ENDED' },
  must_change: { status: 403, code: 'PASSWORD_CHANGE_REQUIRED' },
};

describe('every session route refuses a session that may not act, reading nothing out', () => {
  it('covers every route that needs a session', () => {
    expect(sessionRoutes.length).toBeGreaterThanOrEqual(28);
  });

  const cases = sessionRoutes.flatMap((spec) =>
    Object.keys(EXPECTED)
      // Routes open to an account that must still replace its password answer it normally.
      .filter((state) => state !== 'must_change' || spec.access === 'session')
      .map((state) => [routeKey(spec), state, spec] as const),
  );

  it.each(cases)('%s with %s', async (_key, state, spec) => {
    const { world, tokens } = await sharedWorld();
    const before = await snapshotSubtree(world.t.acme.path);
    const res = await send(spec, sampleFor(spec, world.ids), tokens[state] ?? null);
    expect({ status: res.status, code: res.body.error?.code }).toEqual(EXPECTED[state]);
    // The envelope only: no field of the route's answer leaks beside the error.
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(await snapshotSubtree(world.t.acme.path)).toEqual(before);
    // A token never seen to pass its hub's check costs the database nothing.
    if (state === 'none' || state === 'forged') {
      expect(res.headers.get(DB_TRIPS_HEADER)).toBe('0');
    }
  });
});
