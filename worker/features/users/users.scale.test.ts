import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api, appLogin, bearer, createUser, ORIGIN, testDb } from '../../../test/worker/fixtures';
import { call, twoTrees } from '../../../test/worker/org-fixtures';

/**
 * A large tree: `count` sub-users below `rootId`, ten per parent (ids `<prefix>1` …), written
 * directly in one statement. Their company is `companyId`; they expire no later than `expiresAt`.
 */
async function subUserTree(
  rootId: string,
  companyId: string,
  prefix: string,
  count: number,
  expiresAt: number | null = null,
) {
  const now = Date.now();
  await testDb().run(sql`
    INSERT INTO users (id, username, username_key, display_name, password_hash, company_id,
      related_company_id, parent_user_id, status, expires_at, token_long_term,
      token_ttl_minutes, token_exclusive, must_change_password, created_at, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
    SELECT ${prefix} || i, ${prefix} || i, lower(${prefix} || i), 'Sub ' || i, 'x', ${companyId},
      ${companyId}, CASE WHEN i <= 10 THEN ${rootId} ELSE ${prefix} || (i / 10) END, 'active',
      ${expiresAt}, 0, 60, 0, 0, ${now}, ${now}
    FROM n`);
}

const countLike = async (prefix: string) =>
  Number(
    (
      await testDb().get<{ n: number }>(
        sql`SELECT count(*) AS n FROM users WHERE id >= ${prefix} AND id < ${`${prefix}~`}`,
      )
    )?.n,
  );

describe('users at scale', () => {
  it('deletes a user with 10 000 sub-users atomically', async () => {
    const t = await twoTrees();
    const parent = await createUser({ company: t.east });
    const prefix = `us_big${Date.now().toString(36)}_`;
    await subUserTree(parent.id, t.east.id, prefix, 10_000);
    const liveOne = await createUser({ company: t.east, parentUserId: parent.id });
    await appLogin(liveOne.username);

    // A fault midway leaves every account in place.
    const faulted = await api(`/users/${parent.id}`, {
      method: 'DELETE',
      headers: { ...bearer(t.token), origin: ORIGIN, 'x-gatehouse-fault': 'users.delete.midway' },
    });
    expect(faulted.status).toBe(500);
    expect(await countLike(prefix)).toBe(10_000);

    // Its time is measured by `npm run bench:fanout`, not asserted here.
    const done = await call(t.token, 'DELETE', `/users/${parent.id}`);
    expect(done.body).toEqual({ deleted: 10_002 });
    expect(await countLike(prefix)).toBe(0);
    const audit = await testDb().get<{ summary: string; before: string }>(
      sql`SELECT summary, before FROM audit_log
        WHERE action = 'user.delete' AND target_id = ${parent.id}`,
    );
    expect(audit?.summary).toBe(`Deleted user “${parent.username}” and 10001 sub-users`);
    expect((JSON.parse(audit?.before ?? '{}') as { deleted: unknown[] }).deleted).toHaveLength(
      10_002,
    );
  });

  it('syncs an expiry over a company of 10 000 accounts in one batch, counting exactly', async () => {
    const t = await twoTrees();
    const holder = await createUser({ company: t.east1 });
    const prefix = `us_sync${Date.now().toString(36)}_`;
    await subUserTree(holder.id, t.east1.id, prefix, 10_000);
    const date = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const body = { expiresAt: date, applyToCompany: true };
    const preview = await call(t.token, 'PUT', `/users/${holder.id}/expiry?dryRun=1`, body);
    expect(preview.body).toEqual({ updated: 10_001, skipped: 0 });
    const done = await call(t.token, 'PUT', `/users/${holder.id}/expiry`, body);
    expect(done.body).toEqual({ updated: 10_001, skipped: 0 });
    const unchanged = await testDb().get<{ n: number }>(
      sql`SELECT count(*) AS n FROM users WHERE company_id = ${t.east1.id}
        AND expires_at IS NOT ${Date.parse(date)}`,
    );
    expect(Number(unchanged?.n)).toBe(0);
    const audit = await testDb().get<{ summary: string; after: string }>(
      sql`SELECT summary, after FROM audit_log WHERE action = 'user.expiry' AND target_id = ${holder.id}`,
    );
    expect(audit?.summary).toBe(
      `Set the expiration date of 10001 accounts to ${date} (whole company)`,
    );
    const after = JSON.parse(audit?.after ?? '{}') as { userIds: string[]; skipped: number };
    expect(after.userIds).toHaveLength(10_001);
    expect(after).toMatchObject({ expiresAt: date, applyToCompany: true, skipped: 0 });
  });
});
