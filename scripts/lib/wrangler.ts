import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { waitForHttp } from './ports';
import { spawnGroup, stopGroup } from './process-group';

const root = resolve(import.meta.dirname, '../..');

export interface RunningWorker {
  url: string;
  process: ChildProcess;
  /** Where wrangler's output is kept, when asked for. */
  logFile?: string;
  /**
   * Settles with wrangler's exit code when it exits. workerd may keep serving after wrangler
   * died, so a caller that must not go on against a half-dead stack watches this.
   */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

function openLog(file: string): WriteStream {
  mkdirSync(dirname(file), { recursive: true });
  return createWriteStream(file, { flags: 'w' });
}

/**
 * Starts `wrangler dev` (local workerd) on `port` against the given libSQL URL and waits until
 * the API answers. It runs in its own process group, so stopping it stops workerd and esbuild
 * too, even when wrangler itself has died. With `logFile`, everything wrangler prints (workerd's
 * uncaught errors included) is written there.
 */
export async function startWorker(opts: {
  port: number;
  libsqlUrl: string;
  pepper: string;
  persistTo: string;
  environment?: string;
  /**
   * Build with the development tools (dev mail outbox, `/dev/mailbox`); on unless `false`.
   * A build-time switch (`__DEV_TOOLS__`, worker/dev-tools.d.ts): deploys build without them.
   */
  devTools?: boolean;
  logFile?: string;
  onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
}): Promise<RunningWorker> {
  const child = spawnGroup(
    join(root, 'node_modules/.bin/wrangler'),
    [
      'dev',
      // The API and, beside it, the face verifier Worker its service binding reaches.
      '--config',
      'wrangler.jsonc',
      '--config',
      'verifier/wrangler.jsonc',
      '--port',
      String(opts.port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      opts.persistTo,
      '--show-interactive-dev-session=false',
      '--var',
      `LIBSQL_URL:${opts.libsqlUrl}`,
      '--var',
      `PASSWORD_PEPPER:${opts.pepper}`,
      '--var',
      `ENVIRONMENT:${opts.environment ?? 'development'}`,
      '--define',
      `__DEV_TOOLS__:${opts.devTools !== false}`,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  );
  const log = opts.logFile ? openLog(opts.logFile) : undefined;
  const onData = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    log?.write(chunk);
    opts.onOutput?.(chunk, stream);
  };
  child.stdout?.on('data', onData('stdout'));
  child.stderr?.on('data', onData('stderr'));
  const stop = async () => {
    await stopGroup(child);
    await new Promise<void>((done) => (log ? log.end(done) : done()));
  };
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  try {
    await Promise.race([
      waitForHttp(`http://127.0.0.1:${opts.port}/api/v1/health`, 120_000, true),
      exited.then((code) => {
        throw new Error(
          `wrangler dev exited (code ${code})${opts.logFile ? `; see ${opts.logFile}` : ''}`,
        );
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${opts.port}`,
    process: child,
    logFile: opts.logFile,
    exited,
    stop,
  };
}
