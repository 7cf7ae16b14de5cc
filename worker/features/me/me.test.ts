import { describe, expect, it } from 'vitest';
import { api, appLogin, bearer, createCompany, createUser } from '../../../test/worker/fixtures';

describe('GET /me', () => {
  it('answers 401 UNAUTHENTICATED without a session', async () => {
    const res = await api('/me');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it('returns the user, its scope and the union of role and direct grants', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({
      company,
      permissions: ['web.monitor.map'],
      roles: [['web.reports.mileage', 'app.alerts.view'], ['web.monitor.map']],
    });
    const res = await api('/me', { headers: bearer(await appLogin(user.username)) });
    const body = (await res.json()) as {
      user: Record<string, unknown>;
      permissions: string[];
      scope: { companyId: string };
    };
    expect(body.user).toMatchObject({
      id: user.id,
      username: user.username,
      companyId: company.id,
      relatedCompanyId: company.id,
      parentUserId: null,
      expiresAt: null,
    });
    expect(body.scope.companyId).toBe(company.id);
    expect(body.permissions).toEqual(['app.alerts.view', 'web.monitor.map', 'web.reports.mileage']);
  });

  it('intersects a sub-user’s grants with its parent’s at every depth', async () => {
    const company = await createCompany('Acme');
    const parent = await createUser({ company, permissions: ['a.x', 'a.y', 'a.z'] });
    const child = await createUser({
      company,
      parentUserId: parent.id,
      permissions: ['a.x', 'a.y', 'b.q'],
    });
    const grandChild = await createUser({
      company,
      parentUserId: child.id,
      roles: [['a.x', 'a.z', 'b.q']],
    });
    const res = await api('/me', { headers: bearer(await appLogin(grandChild.username)) });
    expect(((await res.json()) as { permissions: string[] }).permissions).toEqual(['a.x']);
  });
});
