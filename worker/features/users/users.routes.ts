import { Hono } from 'hono';
import { accountBelowReads } from '../../authority/act-on-account';
import { authorize } from '../../authority/authorize';
import { serviceContext } from '../../authority/service-context';
import type { AppEnv } from '../../env';
import { faceTemplateQuery } from '../../lib/face/face-templates';
import { route } from '../../routes/route';
import { enrolFace, removeFace } from './face-enrol.service';
import { updateMfaConfig } from './mfa-config.service';
import { updateTokenConfig } from './token-config.service';
import { createUser, createUserReads } from './user-create.service';
import { deleteUser, deleteUserReads } from './user-delete.service';
import { updateExpiry, updateExpiryReads } from './user-expiry.service';
import { updateUser, updateUserReads } from './user-update.service';
import { USER_ROUTES as R } from './users.contract';
import { userRecordQuery } from './users.repo';
import {
  companyUsersFrom,
  companyUsersReads,
  explainFrom,
  explainReads,
  subUsersFrom,
  subUsersReads,
  userFrom,
} from './users.service';

const isDryRun = (v: string | undefined) => v === '1' || v === 'true';

/**
 * Each route reads what it decides on in `authorize`'s batch (one round trip with the session
 * check and the actor); a write then lands in one more (a `WriteBatch`). `serviceContext` after
 * `authorize` reuses the actor already loaded.
 */
export const usersRoutes = new Hono<AppEnv>()
  .on(R.create.method, R.create.path, route(R.create), async (c) => {
    const input = c.req.valid('json');
    const { rows } = await authorize(c, (db, userId) => createUserReads(db, userId, input));
    return c.json(await createUser(await serviceContext(c), input, rows), R.create.status);
  })
  .on(R.get.method, R.get.path, route(R.get), async (c) => {
    const { id } = c.req.valid('param');
    const { actor, rows } = await authorize(c, (db) => [userRecordQuery(db, id)]);
    return c.json(userFrom(actor, rows[0][0]), R.get.status);
  })
  .on(R.update.method, R.update.path, route(R.update), async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const { rows } = await authorize(c, (db, userId) => updateUserReads(db, userId, id, input));
    return c.json(await updateUser(await serviceContext(c), id, input, rows), R.update.status);
  })
  .on(R.delete.method, R.delete.path, route(R.delete), async (c) => {
    const { id } = c.req.valid('param');
    const dryRun = isDryRun(c.req.valid('query').dryRun);
    const { rows } = await authorize(c, (db, userId) => deleteUserReads(db, userId, id, dryRun));
    return c.json(await deleteUser(await serviceContext(c), id, dryRun, rows), R.delete.status);
  })
  .on(R.subUsers.method, R.subUsers.path, route(R.subUsers), async (c) => {
    const { id } = c.req.valid('param');
    const { actor, rows } = await authorize(c, (db) => subUsersReads(db, id));
    return c.json({ users: subUsersFrom(actor, rows) }, R.subUsers.status);
  })
  .on(R.expiry.method, R.expiry.path, route(R.expiry), async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const dryRun = isDryRun(c.req.valid('query').dryRun);
    const { rows } = await authorize(c, (db, userId) =>
      updateExpiryReads(db, userId, id, input, dryRun),
    );
    return c.json(
      await updateExpiry(await serviceContext(c), id, input, dryRun, rows),
      R.expiry.status,
    );
  })
  .on(R.tokenConfig.method, R.tokenConfig.path, route(R.tokenConfig), async (c) => {
    const { id } = c.req.valid('param');
    const { rows } = await authorize(c, (db, userId) => accountBelowReads(db, userId, id));
    return c.json(
      await updateTokenConfig(await serviceContext(c), id, c.req.valid('json'), rows),
      R.tokenConfig.status,
    );
  })
  .on(R.mfa.method, R.mfa.path, route(R.mfa), async (c) => {
    const { id } = c.req.valid('param');
    const { rows } = await authorize(c, (db, userId) => [
      ...accountBelowReads(db, userId, id),
      faceTemplateQuery(db, id),
    ]);
    const [target, refused, face] = rows;
    return c.json(
      await updateMfaConfig(await serviceContext(c), id, c.req.valid('json'), [target, refused], {
        faceEnrolled: face.length > 0,
      }),
      R.mfa.status,
    );
  })
  .on(R.enrolFace.method, R.enrolFace.path, route(R.enrolFace), async (c) => {
    const { id } = c.req.valid('param');
    const { rows } = await authorize(c, (db, userId) => accountBelowReads(db, userId, id));
    return c.json(
      await enrolFace(await serviceContext(c), id, c.req.valid('form'), rows),
      R.enrolFace.status,
    );
  })
  .on(R.removeFace.method, R.removeFace.path, route(R.removeFace), async (c) => {
    const { id } = c.req.valid('param');
    const { rows } = await authorize(c, (db, userId) => accountBelowReads(db, userId, id));
    return c.json(await removeFace(await serviceContext(c), id, rows), R.removeFace.status);
  })
  .on(R.explain.method, R.explain.path, route(R.explain), async (c) => {
    const { id } = c.req.valid('param');
    const { permission } = c.req.valid('query');
    const { actor, rows } = await authorize(c, (db) => explainReads(db, id, permission));
    return c.json(explainFrom(actor, permission, rows), R.explain.status);
  })
  .on(R.companyUsers.method, R.companyUsers.path, route(R.companyUsers), async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const { actor, rows } = await authorize(c, (db) => companyUsersReads(db, id, query));
    return c.json(companyUsersFrom(actor, rows, query.limit), R.companyUsers.status);
  });
