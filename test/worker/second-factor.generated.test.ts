import { describe, expect, it } from 'vitest';
import { ROUTES, routeKey } from '../../worker/routes/registry';
import { createCompany, createUser, PASSWORD, postJson } from './fixtures';
import { inHub, startLogin, uniqueEmail } from './mfa-fixtures';
import { send } from './request';
import { sampleFor } from './route-samples';

/**
 * A login that stopped at its second factor has no session: whatever the client does with what
 * it holds — the challenge id as a token or a cookie, a forged `status` — every session route
 * refuses it and the account's hub opens nothing.
 */
async function halfSignedIn() {
  const company = await createCompany('Half');
  const email = uniqueEmail();
  const user = await createUser({ company, email, mfa: { webLogin: 'email', appLogin: 'email' } });
  const res = await startLogin(user.username, 'app');
  expect(res.body.status).toBe('mfa_required');
  const challengeId = String(res.body.challengeId);
  const ids = {
    company: company.id,
    otherCompany: company.id,
    user: user.id,
    role: 'ro_AAAAAAAAAAAAAAAA',
    session: `${user.id}.AAAAAAAAAAAAAAAA`,
    date: new Date(Date.now() + 86_400_000).toISOString(),
  };
  return { user, challengeId, ids };
}

const sessionRoutes = ROUTES.filter((spec) => spec.access !== 'public');

describe('skipping the second factor gets nothing', () => {
  it.each(sessionRoutes.map((spec) => [routeKey(spec), spec] as const))(
    '%s',
    async (_key, spec) => {
      const { user, challengeId, ids } = await halfSignedIn();
      const sample = sampleFor(spec, ids);
      // The challenge id where a token goes, shaped like a token, and as the session cookie.
      const asToken = await send(spec, sample, challengeId);
      const shaped = await send(spec, sample, `${challengeId.replace('.', '.AAAAAAAAAAAAAAAA.')}A`);
      const asCookie = await send(spec, sample, null, {
        headers: { cookie: `__Host-gh_session=${challengeId}` },
      });
      const bare = await send(spec, sample, null);
      for (const res of [asToken, shaped, asCookie, bare]) {
        expect(res.status, JSON.stringify(res.body)).toBe(401);
      }
      expect(await inHub(user.id, 'SELECT id FROM sessions')).toHaveLength(0);
    },
  );

  it('a login body that claims to be done is refused, and so is a malformed code', async () => {
    const { user, challengeId } = await halfSignedIn();
    const forged = await postJson('/auth/login', {
      username: user.username,
      password: PASSWORD,
      client: 'app',
      status: 'ok',
    });
    expect(forged.status).toBe(400);
    for (const code of ['', '12345', '1234567', 'abcdef', '12 456', '١٢٣٤٥٦']) {
      const res = await postJson('/auth/mfa/verify', { challengeId, code });
      expect(res.status, code).toBe(400);
    }
    expect(await inHub(user.id, 'SELECT id FROM sessions')).toHaveLength(0);
  });
});
