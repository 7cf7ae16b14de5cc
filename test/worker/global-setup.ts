import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../scripts/lib/migrate';
import { startSqld } from '../../scripts/lib/sqld';
import { blank, FACE_FIXTURES, mirrored, readFace, sideBySide } from '../lib/face-images';
import { startResendStandIn } from './resend-stand-in';

/** The face pictures the tests post, base64 (workerd cannot read the fixture files). */
function faceImages(): Record<string, string> {
  const a = readFace(FACE_FIXTURES.aStraight);
  const right = readFace(FACE_FIXTURES.aTurnedRight);
  const b = readFace(FACE_FIXTURES.bStraight);
  const images = {
    aStraight: a,
    aTurnedRight: right,
    aTurnedLeft: mirrored(right),
    bStraight: b,
    twoFaces: sideBySide(a, a),
    blank: blank(),
  };
  return Object.fromEntries(
    Object.entries(images).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  );
}

/**
 * Starts a throwaway sqld, applies the migrations and hands its URL to the pool; starts the
 * Resend stand-in and hands its URL over too.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-sqld-'));
  const sqld = await startSqld(dir);
  await applyMigrations(sqld.url);
  project.provide('libsqlUrl', sqld.url);
  const resend = await startResendStandIn();
  project.provide('resendStandInUrl', resend.url);
  project.provide('faceImages', faceImages());
  return async () => {
    await resend.stop();
    await sqld.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
