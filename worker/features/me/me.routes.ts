import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { companies } from '../../../db/schema';
import type { MeResponse } from '../../../schemas/me';
import { loadProfile } from '../../authority/account.repo';
import { effectivePermissionsOf } from '../../authority/effective-permissions';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { route } from '../../routes/route';
import { ME_ROUTES as R } from './me.contract';
import { changeOwnPassword } from './me.service';

export const meRoutes = new Hono<AppEnv>()
  .on(R.password.method, R.password.path, route(R.password), async (c) => {
    await changeOwnPassword(c.env, c.var.db, c.var.auth, c.req.valid('json'));
    return c.json({ status: 'ok' as const }, R.password.status);
  })
  .on(R.get.method, R.get.path, route(R.get), async (c) => {
    const { userId, sessionId, client, expiresAt, chain } = c.var.auth;
    const db = c.var.db;
    const user = await loadProfile(db, userId);
    if (!user) throw new ApiError('SESSION_ENDED');
    const [permissions, scope] = await Promise.all([
      effectivePermissionsOf(db, chain),
      db
        .select({ companyId: companies.id, companyName: companies.name })
        .from(companies)
        .where(eq(companies.id, user.relatedCompanyId))
        .get(),
    ]);
    const body: MeResponse = {
      user,
      scope: scope ?? { companyId: user.relatedCompanyId, companyName: '' },
      permissions,
      session: {
        id: sessionId,
        client,
        expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
      },
    };
    return c.json(body, R.get.status);
  });
