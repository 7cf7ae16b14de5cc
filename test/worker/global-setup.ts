import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../scripts/lib/migrate';
import { startSqld } from '../../scripts/lib/sqld';
import { startResendStandIn } from './resend-stand-in';

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
  return async () => {
    await resend.stop();
    await sqld.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
