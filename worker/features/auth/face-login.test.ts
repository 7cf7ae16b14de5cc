import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { FACE_RULES } from '../../../schemas/face-rules';
import { asFile, aTurning, faceImage, postForm } from '../../../test/worker/face-fixtures';
import { bearer, createUser, PASSWORD, postJson } from '../../../test/worker/fixtures';
import { startLogin } from '../../../test/worker/mfa-fixtures';
import { call, twoTrees } from '../../../test/worker/org-fixtures';
import type { Bindings } from '../../env';
import { challengeIdFor } from './email-code.service';

const FACE_EVERYWHERE = { webLogin: 'password', appLogin: 'face', appUnlock: 'face' };

/** An account with person A's face enrolled and face for APP login and unlock. */
async function faceAccount() {
  const t = await twoTrees();
  const user = await createUser({ company: t.east1 });
  const enrolled = await postForm(
    `/users/${user.id}/face`,
    { image: asFile(faceImage('aStraight')) },
    bearer(t.token),
  );
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  const set = await call(t.token, 'PUT', `/users/${user.id}/mfa`, FACE_EVERYWHERE);
  expect(set.status).toBe(200);
  return { t, user };
}

async function faceChallenge(username: string) {
  const login = await startLogin(username, 'app');
  expect(login.body).toMatchObject({ status: 'mfa_required', method: 'face' });
  const challengeId = String(login.body.challengeId);
  const start = await postJson('/auth/mfa/face/start', { challengeId });
  expect(start.status).toBe(200);
  const nonce = (await start.json()) as { nonce: string; turn: 'left' | 'right' };
  return { challengeId, ...nonce };
}

describe('APP login by face', () => {
  it('opens a session for the enrolled person turning as asked; the nonce serves once', async () => {
    const { user } = await faceAccount();
    const c = await faceChallenge(user.username);
    const fields = { challengeId: c.challengeId, nonce: c.nonce, frame: aTurning(c.turn) };
    const ok = await postForm('/auth/mfa/face', fields);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'ok', user: { id: user.id } });
    expect(typeof ok.body.token).toBe('string');
    const replay = await postForm('/auth/mfa/face', fields);
    expect(replay.status).toBe(401);
    expect(replay.body.error?.code).toBe('FACE_NONCE_INVALID');
  });

  it('refuses another person, a still picture that never turns, and frames of the wrong turn', async () => {
    const { user } = await faceAccount();
    const tries: [string, (turn: string) => File[]][] = [
      ['someone else', () => [asFile(faceImage('bStraight')), asFile(faceImage('bStraight'))]],
      ['a still picture', () => [asFile(faceImage('aStraight')), asFile(faceImage('aStraight'))]],
      ['the other turn', (turn) => aTurning(turn === 'left' ? 'right' : 'left')],
      [
        'a tampered image',
        (turn) => [asFile(tampered(faceImage('aStraight'))), ...aTurning(turn).slice(1)],
      ],
    ];
    for (const [what, frames] of tries) {
      const c = await faceChallenge(user.username);
      const res = await postForm('/auth/mfa/face', {
        challengeId: c.challengeId,
        nonce: c.nonce,
        frame: frames(c.turn),
      });
      expect(res.status, what).toBe(401);
      expect(res.body.error?.code, what).toBe('FACE_MISMATCH');
    }
  });

  it('takes no verdict from the client: no frames, one frame, or a "match" field are refused', async () => {
    const { user } = await faceAccount();
    const c = await faceChallenge(user.username);
    const bodies: Record<string, string | File | File[]>[] = [
      { challengeId: c.challengeId, nonce: c.nonce },
      { challengeId: c.challengeId, nonce: c.nonce, frame: [asFile(faceImage('aStraight'))] },
      { challengeId: c.challengeId, nonce: c.nonce, match: 'true', frame: aTurning(c.turn) },
    ];
    for (const body of bodies) {
      const res = await postForm('/auth/mfa/face', body as Record<string, string | File | File[]>);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).not.toHaveProperty('token');
    }
    // A JSON claim is not a form at all.
    const json = await postJson('/auth/mfa/face', {
      challengeId: c.challengeId,
      nonce: c.nonce,
      match: true,
    });
    expect(json.status).toBe(415);
  });

  it('after five failures refuses face, even with the right face, until a new enrolment', async () => {
    const { t, user } = await faceAccount();
    for (let i = 0; i < FACE_RULES.maxFailures; i++) {
      const c = await faceChallenge(user.username);
      const res = await postForm('/auth/mfa/face', {
        challengeId: c.challengeId,
        nonce: c.nonce,
        frame: [asFile(faceImage('bStraight')), asFile(faceImage('bStraight'))],
      });
      expect(res.status).toBe(i === FACE_RULES.maxFailures - 1 ? 403 : 401);
    }
    // No address on the account: no other factor to fall back to.
    const login = await startLogin(user.username, 'app');
    expect(login.status).toBe(403);
    expect(login.body.error?.code).toBe('FACE_LOCKED');
    // The admin enrols the face again: face works again.
    await postForm(
      `/users/${user.id}/face`,
      { image: asFile(faceImage('aStraight')) },
      bearer(t.token),
    );
    const c = await faceChallenge(user.username);
    const ok = await postForm('/auth/mfa/face', {
      challengeId: c.challengeId,
      nonce: c.nonce,
      frame: aTurning(c.turn),
    });
    expect(ok.status).toBe(200);
  });

  it('spends at most five verifications on twenty sent at once', async () => {
    const { user } = await faceAccount();
    // Twenty logins past their password, made in the hub directly: the sign-in throttle would
    // (rightly) refuse twenty passwords in a burst, and it is not what this test is about.
    const hub = (env as Bindings).SESSION_HUB.get(
      (env as Bindings).SESSION_HUB.idFromName(user.id),
    );
    const stamp = 'test-stamp';
    const challenges = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const started = await hub.startFaceLogin({
          client: 'app',
          userAgent: null,
          ip: null,
          stamp,
        });
        if ('refused' in started) throw new Error('face locked before the test began');
        const challengeId = await challengeIdFor(env as Bindings, user.id, started.id);
        const start = await postJson('/auth/mfa/face/start', { challengeId });
        const { nonce } = (await start.json()) as { nonce: string };
        return { challengeId, nonce };
      }),
    );
    const answers = await Promise.all(
      challenges.map((c) =>
        postForm('/auth/mfa/face', {
          challengeId: c.challengeId,
          nonce: c.nonce,
          frame: [asFile(faceImage('bStraight')), asFile(faceImage('bStraight'))],
        }),
      ),
    );
    const judged = answers.filter((a) => a.body.error?.details?.failuresLeft !== undefined);
    expect(judged.length).toBe(FACE_RULES.maxFailures);
    const codes = new Set(answers.map((a) => a.body.error?.code));
    expect([...codes].sort()).toEqual(['FACE_LOCKED', 'FACE_MISMATCH']);
  });
});

describe('what the frames must show', () => {
  it('keeps the drawn side until a check is judged: neither asking again nor a new login redraws it', async () => {
    const { user } = await faceAccount();
    const first = await faceChallenge(user.username);
    for (let i = 0; i < 4; i++) {
      const again = await postJson('/auth/mfa/face/start', { challengeId: first.challengeId });
      expect(((await again.json()) as { turn: string }).turn).toBe(first.turn);
      expect((await faceChallenge(user.username)).turn).toBe(first.turn);
    }
  });

  it('refuses frames turned both ways, an unreadable later frame, and someone else turning', async () => {
    const { user } = await faceAccount();
    const tries: [string, (turn: string) => File[]][] = [
      [
        'both turns',
        () => [
          asFile(faceImage('aStraight')),
          asFile(faceImage('aTurnedLeft')),
          asFile(faceImage('aTurnedRight')),
        ],
      ],
      [
        'an unreadable later frame',
        (turn) => [...aTurning(turn), new File(['not a picture'], 'x.jpg')],
      ],
      [
        'someone else turning',
        () => [asFile(faceImage('aStraight')), asFile(faceImage('bStraight'))],
      ],
    ];
    for (const [what, frames] of tries) {
      const c = await faceChallenge(user.username);
      const res = await postForm('/auth/mfa/face', {
        challengeId: c.challengeId,
        nonce: c.nonce,
        frame: frames(c.turn),
      });
      expect(res.status, what).toBe(401);
    }
  });

  it('does not say whether the straight face matched', async () => {
    const { user } = await faceAccount();
    const answers = [];
    for (const straight of ['aStraight', 'bStraight'] as const) {
      const c = await faceChallenge(user.username);
      // No turn at all: the right face and the wrong face must get the same answer.
      answers.push(
        await postForm('/auth/mfa/face', {
          challengeId: c.challengeId,
          nonce: c.nonce,
          frame: [asFile(faceImage(straight)), asFile(faceImage(straight))],
        }),
      );
    }
    const [right, wrong] = answers.map((a) => a.body.error?.details?.reasons);
    expect(right).toEqual(['not_verified']);
    expect(wrong).toEqual(right);
  });
});

describe('APP unlock by face', () => {
  it('unlocks a locked session with the enrolled face, and only a locked one', async () => {
    const { user } = await faceAccount();
    const token = await appLoginWithFaceFlow(user.username);
    const early = await postJson('/auth/unlock/face/start', {}, bearer(token));
    expect(early.status).toBe(409);
    expect((await postJson('/auth/lock', {}, bearer(token))).status).toBe(200);
    const start = await postJson('/auth/unlock/face/start', {}, bearer(token));
    expect(start.status).toBe(200);
    const { nonce, turn } = (await start.json()) as { nonce: string; turn: string };
    const wrong = await postForm(
      '/auth/unlock/face',
      { nonce, frame: [asFile(faceImage('bStraight')), asFile(faceImage('bStraight'))] },
      bearer(token),
    );
    expect(wrong.status).toBe(401);
    const again = (await (await postJson('/auth/unlock/face/start', {}, bearer(token))).json()) as {
      nonce: string;
      turn: string;
    };
    const ok = await postForm(
      '/auth/unlock/face',
      { nonce: again.nonce, frame: aTurning(again.turn) },
      bearer(token),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    // The first nonce was used up by the wrong attempt.
    const replay = await postForm(
      '/auth/unlock/face',
      { nonce, frame: aTurning(turn) },
      bearer(token),
    );
    expect(replay.status).toBe(401);
    expect(replay.body.error?.code).toBe('FACE_NONCE_INVALID');
  });

  it('accepts the password once face failed five times', async () => {
    const { user } = await faceAccount();
    const token = await appLoginWithFaceFlow(user.username);
    await postJson('/auth/lock', {}, bearer(token));
    const password = () => postJson('/auth/unlock', { password: PASSWORD }, bearer(token));
    expect((await password()).status).toBe(403);
    // Five failures, through logins (the session's own unlock count stays untouched).
    for (let i = 0; i < FACE_RULES.maxFailures; i++) {
      const c = await faceChallenge(user.username);
      await postForm('/auth/mfa/face', {
        challengeId: c.challengeId,
        nonce: c.nonce,
        frame: [asFile(faceImage('bStraight')), asFile(faceImage('bStraight'))],
      });
    }
    const start = await postJson('/auth/unlock/face/start', {}, bearer(token));
    expect(start.status).toBe(403);
    expect(((await start.json()) as { error: { code: string } }).error.code).toBe('FACE_LOCKED');
    expect((await password()).status).toBe(200);
  });

  it("refuses another account's nonce", async () => {
    const a = await faceAccount();
    const b = await faceAccount();
    const tokenA = await appLoginWithFaceFlow(a.user.username);
    const tokenB = await appLoginWithFaceFlow(b.user.username);
    await postJson('/auth/lock', {}, bearer(tokenA));
    await postJson('/auth/lock', {}, bearer(tokenB));
    const { nonce, turn } = (await (
      await postJson('/auth/unlock/face/start', {}, bearer(tokenA))
    ).json()) as { nonce: string; turn: string };
    const res = await postForm(
      '/auth/unlock/face',
      { nonce, frame: aTurning(turn) },
      bearer(tokenB),
    );
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('FACE_NONCE_INVALID');
  });
});

/** Signs in through the face flow with person A's frames. */
async function appLoginWithFaceFlow(username: string): Promise<string> {
  const c = await faceChallenge(username);
  const res = await postForm('/auth/mfa/face', {
    challengeId: c.challengeId,
    nonce: c.nonce,
    frame: aTurning(c.turn),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return String(res.body.token);
}

/** The JPEG with bytes in its middle overwritten. */
function tampered(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const copy = bytes.slice();
  const from = Math.floor(copy.length / 3);
  copy.fill(0x55, from, from + 4096);
  return copy;
}
