import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { faceTemplates, users } from '../../db/schema';
import type { Bindings } from '../../worker/env';
import { sealTemplate } from '../../worker/lib/face/face-templates';
import { seeFace } from '../../worker/lib/face/face-verifier';
import { DB_TRIPS_HEADER } from '../../worker/middleware/database';
import { ROUTES, routeKey } from '../../worker/routes/registry';
import type { RouteSpec } from '../../worker/routes/route';
import { faceImage } from './face-fixtures';
import { createUser, PASSWORD, testDb } from './fixtures';
import { inHub } from './mfa-fixtures';
import { adminWorld } from './org-fixtures';
import { send } from './request';
import { sampleFor } from './route-samples';

/**
 * The round-trip budget (DESIGN §3.15): every request to libSQL from the edge costs the full
 * distance to the primary, so an authenticated read may make one, a write or a sign-in two.
 * Counted by the Worker's own libSQL client (the header is absent in production).
 */
function budgetOf(spec: RouteSpec): number {
  return spec.method === 'GET' ? 1 : 2;
}

/**
 * The exact count of each route's sample request, so a change that adds a round trip shows
 * here even within the budget. `/openapi.json` is built from the route list alone; `/health`
 * asks the database whether it answers; sign-in with a wrong password reads once.
 */
const PINNED: Record<string, number> = {
  'GET /api/v1/health': 1,
  'GET /api/v1/openapi.json': 0,
  'POST /api/v1/auth/login': 1,
  // The session check, then the sign-out's audit entry.
  'POST /api/v1/auth/logout': 2,
  // An unknown challenge is refused by the user's hub: the database is never asked.
  'POST /api/v1/auth/mfa/email': 0,
  'POST /api/v1/auth/mfa/verify': 0,
  'POST /api/v1/auth/mfa/face/start': 0,
  'POST /api/v1/auth/mfa/face': 0,
  'POST /api/v1/auth/lock': 1,
  // The session check reads the factor (and the template): the frames go to the verifier.
  'POST /api/v1/auth/unlock/face/start': 1,
  'POST /api/v1/auth/unlock/face': 1,
  'POST /api/v1/me/face': 2,
  'POST /api/v1/users/:id/face': 2,
  'DELETE /api/v1/users/:id/face': 2,
  // The mail goes out through its transport (Resend, or the dev outbox), not the route's trips.
  'POST /api/v1/auth/unlock/email': 1,
  'POST /api/v1/auth/unlock': 1,
  'GET /api/v1/me': 1,
  'POST /api/v1/me/password': 2,
  'POST /api/v1/live/ticket': 1,
  'GET /api/v1/live': 1,
  'GET /api/v1/companies/tree': 1,
  'GET /api/v1/companies/:id': 1,
  'GET /api/v1/companies/:id/children': 1,
  'POST /api/v1/companies': 2,
  'PATCH /api/v1/companies/:id': 2,
  'DELETE /api/v1/companies/:id': 2,
  'POST /api/v1/users': 2,
  'GET /api/v1/users/:id': 1,
  'PATCH /api/v1/users/:id': 2,
  'DELETE /api/v1/users/:id': 2,
  'GET /api/v1/users/:id/subusers': 1,
  'PUT /api/v1/users/:id/expiry': 2,
  'PUT /api/v1/users/:id/token-config': 2,
  'PUT /api/v1/users/:id/mfa': 2,
  'GET /api/v1/users/:id/explain': 1,
  'GET /api/v1/companies/:id/users': 1,
  'DELETE /api/v1/sessions/:id': 2,
  'GET /api/v1/users/:id/sessions': 1,
  'DELETE /api/v1/users/:id/sessions': 2,
  'GET /api/v1/roles': 1,
  'POST /api/v1/roles': 2,
  'PATCH /api/v1/roles/:id': 2,
  'DELETE /api/v1/roles/:id': 2,
  'GET /api/v1/permissions/catalog': 1,
  'GET /api/v1/audit': 1,
};

/** The admin unlocks by face, its face is person A's, and its session is locked. */
async function lockedFaceAdmin(adminId: string) {
  const seen = await seeFace(env as Bindings, faceImage('aStraight'));
  if (!seen.embedding) throw new Error('no face in the fixture');
  const sealed = await sealTemplate(env as Bindings, {
    userId: adminId,
    embedding: seen.embedding,
    photo: null,
    enrolledBy: adminId,
  });
  await testDb()
    .insert(faceTemplates)
    .values({ userId: adminId, ...sealed });
  await testDb().update(users).set({ mfaAppUnlock: 'face' }).where(eq(users.id, adminId));
  await inHub(adminId, 'UPDATE sessions SET locked = 1');
}

/**
 * State a sample needs beyond the world: an unlock code needs a locked session of an account
 * that unlocks by email; a face unlock the nonce of the sample, issued for the locked session.
 */
const PREPARE: Record<string, (adminId: string) => Promise<unknown>> = {
  'POST /api/v1/auth/unlock/face/start': lockedFaceAdmin,
  'POST /api/v1/auth/unlock/face': async (adminId) => {
    await lockedFaceAdmin(adminId);
    await inHub(
      adminId,
      "INSERT INTO face_nonces SELECT ?, 'unlock', id, 'left', ? FROM sessions",
      'N'.repeat(32),
      Date.now() + 60_000,
    );
  },
  'POST /api/v1/auth/unlock/email': async (adminId) => {
    await testDb()
      .update(users)
      .set({ email: `${adminId}@example.com`, mfaAppUnlock: 'email' })
      .where(eq(users.id, adminId));
    await inHub(adminId, 'UPDATE sessions SET locked = 1');
  },
};

const tripsOf = (headers: Headers): number => Number(headers.get(DB_TRIPS_HEADER) ?? Number.NaN);

describe('every route stays within its round-trip budget', () => {
  it.each(ROUTES.map((spec) => [routeKey(spec), spec] as const))('%s', async (_key, spec) => {
    const { t, ids } = await adminWorld();
    await PREPARE[routeKey(spec)]?.(t.admin.id);
    const res = await send(spec, sampleFor(spec, ids), t.token);
    // The sign-in sample names nobody (401); every other sample is a request that succeeds.
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(spec.access === 'public' ? 500 : 400);
    const trips = tripsOf(res.headers);
    const key = routeKey(spec);
    expect(trips, `${key} made ${trips} round trips`).toBeLessThanOrEqual(budgetOf(spec));
    expect(trips, `${key} made ${trips} round trips; pinned at ${PINNED[key]}`).toBe(PINNED[key]);
  });

  it('a successful sign-in (the password hash aside)', async () => {
    const user = await createUser({ company: (await adminWorld()).t.east1 });
    const signIn = () =>
      send(
        { method: 'POST', path: '/auth/login' },
        {
          path: '/auth/login',
          body: { username: user.username, password: PASSWORD, client: 'app' },
        },
        null,
      );
    const first = await signIn();
    expect(first.status).toBe(200);
    // One read, and the hub marking the account live (its first session) in the same batch
    // as the sign-in's audit entry.
    expect(tripsOf(first.headers)).toBe(2);
    const second = await signIn();
    expect(second.status).toBe(200);
    // Already live: the hub writes the audit entry alone.
    expect(tripsOf(second.headers)).toBe(2);
  });
});
