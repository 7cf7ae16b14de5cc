import { describe, expect, it } from 'vitest';
import { appLogin, createUser } from '../../../test/worker/fixtures';
import { call, twoTrees } from '../../../test/worker/org-fixtures';

const MANAGER_GRANTS = [
  'function.users.view',
  'function.users.edit',
  'function.users.expiry.edit',
  'function.users.expiry.sync',
  'function.tokens.configure',
];

/**
 * Issue 11: a branch manager changing only a sub-user's phone was refused because the
 * untouched expiry was held against its own. Only what changes is checked (DESIGN §3.14), and
 * a refusal words the rule; the date is a machine fact in `details`.
 */
async function branchManagerWithSubUser() {
  const t = await twoTrees();
  const own = new Date('2027-11-29T19:01:04.646Z');
  const manager = await createUser({
    company: t.east,
    permissions: MANAGER_GRANTS,
    expiresAt: own,
  });
  // The sub-user lives as long as its parent; its date was set by someone above the manager.
  const sub = await createUser({
    company: t.east1,
    parentUserId: manager.id,
    expiresAt: own,
    longTerm: true,
  });
  const token = await appLogin(manager.username);
  return { t, own, manager, sub, token };
}

describe('saving an unchanged field is not refused', () => {
  it('lets a branch manager change only a sub-user’s phone, with or without the form’s other fields', async () => {
    const { sub, own, token } = await branchManagerWithSubUser();
    const phoneOnly = await call(token, 'PATCH', `/users/${sub.id}`, { phone: '+49 30 1234567' });
    expect(phoneOnly.status, JSON.stringify(phoneOnly.body)).toBe(200);
    const wholeForm = await call(token, 'PATCH', `/users/${sub.id}`, {
      phone: '+49 30 7654321',
      expiresAt: own.toISOString(),
      companyId: (phoneOnly.body as { companyId: string }).companyId,
    });
    expect(wholeForm.status, JSON.stringify(wholeForm.body)).toBe(200);
    expect(wholeForm.body).toMatchObject({ phone: '+49 30 7654321', expiresAt: own.toISOString() });
  });

  it('refuses a later date with words and the limit in details, never a raw timestamp in the message', async () => {
    const { sub, own, token } = await branchManagerWithSubUser();
    const later = await call(token, 'PATCH', `/users/${sub.id}`, {
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
    expect(later.status).toBe(403);
    const error = later.body.error as { code: string; message: string; details: unknown };
    expect(error).toMatchObject({
      code: 'EXPIRY_EXCEEDS_OWN',
      details: { max: own.toISOString() },
    });
    expect(error.message).not.toMatch(/\d{4}|\d:\d\d/);
  });

  it('lets the expiry route save a date as it stands, and words a later one without a timestamp', async () => {
    const { sub, own, token } = await branchManagerWithSubUser();
    const same = await call(token, 'PUT', `/users/${sub.id}/expiry`, {
      expiresAt: own.toISOString(),
      applyToCompany: false,
    });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect(same.body).toMatchObject({ updated: 0 });
    const later = await call(token, 'PUT', `/users/${sub.id}/expiry`, {
      expiresAt: '2029-01-01T00:00:00.000Z',
      applyToCompany: true,
    });
    expect(later.status).toBe(403);
    const error = later.body.error as { code: string; message: string };
    expect(error).toMatchObject({
      code: 'EXPIRY_EXCEEDS_OWN',
      details: { max: own.toISOString() },
    });
    expect(error.message).not.toMatch(/\d{4}|\d:\d\d/);
  });

  it('keeps a long-term token rule and a role the account already held, which the manager could not grant', async () => {
    const { t, sub, token } = await branchManagerWithSubUser();
    const rules = await call(token, 'PUT', `/users/${sub.id}/token-config`, {
      longTerm: true,
      ttlMinutes: 60,
      exclusiveLogin: true,
    });
    expect(rules.status, JSON.stringify(rules.body)).toBe(200);
    // A role with a grant the manager lacks, given by the admin above it.
    const role = await call(t.token, 'POST', '/roles', {
      name: 'Dispatch desk',
      companyId: t.east.id,
      permissions: ['web.monitor.map'],
    });
    const given = await call(t.token, 'PATCH', `/users/${sub.id}`, { roleIds: [role.body.id] });
    expect(given.status, JSON.stringify(given.body)).toBe(200);
    const resent = await call(token, 'PATCH', `/users/${sub.id}`, {
      roleIds: [role.body.id],
      phone: '+49 30 1111111',
    });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
  });
});

describe('an unchanged role permission is not re-checked', () => {
  it('lets a manager rename a role that keeps a grant the manager does not hold', async () => {
    const { t } = await branchManagerWithSubUser();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'Fleet desk',
      companyId: t.east1.id,
      permissions: ['web.monitor.map'],
    });
    const manager = await createUser({
      company: t.east,
      permissions: ['function.roles.view', 'function.roles.edit'],
    });
    const managerToken = await appLogin(manager.username);
    const renamed = await call(managerToken, 'PATCH', `/roles/${role.body.id}`, {
      name: 'Fleet desk (night)',
      permissions: ['web.monitor.map'],
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    // Adding a grant it lacks is still refused.
    const added = await call(managerToken, 'PATCH', `/roles/${role.body.id}`, {
      permissions: ['web.monitor.map', 'web.alerts.view'],
    });
    expect(added.status).toBe(403);
  });
});
