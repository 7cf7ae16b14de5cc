import { describe, expect, it } from 'vitest';
import { appLogin } from './fixtures';
import { call, newUserBody, twoTrees } from './org-fixtures';

/** The envelope of a refused password at `field`, for the policy rule `reason`. */
const refused = (field: string, reason: string) => ({
  code: 'VALIDATION_FAILED',
  field,
  details: { reason },
});

describe('the password policy on every route that sets a password', () => {
  it('POST /users refuses a common password and the new user’s names, and accepts a good one', async () => {
    const t = await twoTrees();
    const body = newUserBody(t.east.id, { email: 'lucky.star@example.com' });
    for (const [password, reason] of [
      ['Password123', 'common'],
      ['1234567890', 'common'],
      [`${body.username.toUpperCase()}-2024`, 'personal'],
      ['lucky.star-forever', 'personal'],
      ['New Person, at last', 'personal'],
    ] as const) {
      const res = await call(t.token, 'POST', '/users', { ...body, password });
      expect(res.status, password).toBe(400);
      expect(res.body.error, password).toMatchObject(refused('password', reason));
    }
    const created = await call(t.token, 'POST', '/users', body);
    expect(created.status).toBe(201);
  });

  it('PATCH /users/:id checks a reset against the stored names merged with the changed ones', async () => {
    const t = await twoTrees();
    const body = newUserBody(t.east.id, { email: 'lucky.star@example.com' });
    const id = (await call(t.token, 'POST', '/users', body)).body.id as string;
    const reset = (json: Record<string, unknown>) => call(t.token, 'PATCH', `/users/${id}`, json);

    expect((await reset({ password: 'qwertyuiop' })).body.error).toMatchObject(
      refused('password', 'common'),
    );
    // Neither name is in the body: only the service, reading the stored user, can tell.
    expect((await reset({ password: `my-${body.username}-pass` })).body.error).toMatchObject(
      refused('password', 'personal'),
    );
    expect((await reset({ password: 'NewPerson-1990' })).body.error).toMatchObject(
      refused('password', 'personal'),
    );
    expect(
      (await reset({ displayName: 'Quiet Harbour', password: 'quiet harbour nights' })).body.error,
    ).toMatchObject(refused('password', 'personal'));
    // The email cleared in the same body no longer counts; the refusals above changed nothing.
    const cleared = await reset({ email: null, password: 'lucky.star-forever' });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ displayName: 'New Person', email: null });
    await appLogin(body.username, 'lucky.star-forever');
  });

  it('POST /me/password refuses a common password and the user’s own names', async () => {
    const t = await twoTrees();
    const body = newUserBody(t.east.id, { email: 'lucky.star@example.com' });
    await call(t.token, 'POST', '/users', body);
    const token = await appLogin(body.username, body.password);
    const change = (newPassword: string) =>
      call(token, 'POST', '/me/password', { currentPassword: body.password, newPassword });

    expect((await change('password12')).body.error).toMatchObject(refused('newPassword', 'common'));
    for (const own of [`${body.username}!!!!`, 'lucky.star@example.com', 'new person 2024']) {
      const res = await change(own);
      expect(res.status, own).toBe(400);
      expect(res.body.error, own).toMatchObject(refused('newPassword', 'personal'));
    }
    expect((await change('tangerine lighthouse quietly folds')).status).toBe(200);
    await appLogin(body.username, 'tangerine lighthouse quietly folds');
  });
});
