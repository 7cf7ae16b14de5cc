import { describe, expect, it } from 'vitest';
import { DB_TRIPS_HEADER } from '../../worker/middleware/database';
import { ROUTES, routeKey } from '../../worker/routes/registry';
import type { RouteSpec } from '../../worker/routes/route';
import { appLogin, createUser, PASSWORD } from './fixtures';
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

const tripsOf = (headers: Headers): number => Number(headers.get(DB_TRIPS_HEADER) ?? Number.NaN);

describe('every route stays within its round-trip budget', () => {
  it.each(ROUTES.map((spec) => [routeKey(spec), spec] as const))('%s', async (_key, spec) => {
    const { t, ids } = await adminWorld();
    const res = await send(spec, sampleFor(spec, ids), t.token);
    // The sign-in sample names nobody (401); every other sample is a request that succeeds.
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(spec.access === 'public' ? 500 : 400);
    const trips = tripsOf(res.headers);
    console.log(`TRIPS ${routeKey(spec)} ${trips}`);
    expect(trips, `${routeKey(spec)} made ${trips} round trips`).toBeLessThanOrEqual(
      budgetOf(spec),
    );
  });

  it('a successful sign-in (the password hash aside)', async () => {
    const user = await createUser({ company: (await adminWorld()).t.east1 });
    const res = await send(
      { method: 'POST', path: '/auth/login' },
      { path: '/auth/login', body: { username: user.username, password: PASSWORD, client: 'app' } },
      null,
    );
    expect(res.status).toBe(200);
    console.log(`TRIPS login-ok ${tripsOf(res.headers)}`);
    expect(tripsOf(res.headers)).toBeLessThanOrEqual(2);
    await appLogin(user.username);
  });
});
