import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { companies, users } from '../../../db/schema';
import type { MeResponse } from '../../../schemas/me';
import { toMeUser, userProfileQuery } from '../../authority/account.repo';
import { authorize } from '../../authority/authorize';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { route } from '../../routes/route';
import { ME_ROUTES as R } from './me.contract';
import { changeOwnPassword, ownPasswordQuery } from './me.service';
import { enrolOwnFace, ownFaceQuery } from './own-face.service';

export const meRoutes = new Hono<AppEnv>()
  .on(R.password.method, R.password.path, route(R.password), async (c) => {
    const { auth, db, rows } = await authorize(c, (db, userId) => [ownPasswordQuery(db, userId)]);
    await changeOwnPassword(c.env, db, auth, rows[0][0], c.req.valid('json'));
    return c.json({ status: 'ok' as const }, R.password.status);
  })
  .on(R.enrolFace.method, R.enrolFace.path, route(R.enrolFace), async (c) => {
    const { actor, auth, db, rows } = await authorize(c, (db, userId) => [
      ownFaceQuery(db, userId),
    ]);
    return c.json(
      await enrolOwnFace(c.env, db, actor, rows[0][0], c.req.valid('form'), auth.client),
      R.enrolFace.status,
    );
  })
  .on(R.get.method, R.get.path, route(R.get), async (c) => {
    const { actor, auth, rows } = await authorize(c, (db, userId) => [
      userProfileQuery(db, userId),
      db
        .select({ companyId: companies.id, companyName: companies.name })
        .from(users)
        .innerJoin(companies, eq(companies.id, users.relatedCompanyId))
        .where(eq(users.id, userId)),
    ]);
    const [[profile], [scope]] = rows;
    if (!profile || !scope) throw new ApiError('SESSION_ENDED');
    const body: MeResponse = {
      user: toMeUser(profile),
      scope,
      permissions: [...actor.permissions].sort(),
      session: {
        id: auth.sessionId,
        client: auth.client,
        expiresAt: auth.expiresAt === null ? null : new Date(auth.expiresAt).toISOString(),
      },
    };
    return c.json(body, R.get.status);
  });
