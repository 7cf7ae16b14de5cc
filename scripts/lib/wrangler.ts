import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { waitForHttp } from './ports';

const root = resolve(import.meta.dirname, '../..');

export interface RunningWorker {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `wrangler dev` (local workerd) on `port` against the given libSQL URL and waits until
 * the API answers. The process gets its own group so stopping it stops workerd too.
 */
export async function startWorker(opts: {
  port: number;
  libsqlUrl: string;
  pepper: string;
  persistTo: string;
  environment?: string;
  onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
}): Promise<RunningWorker> {
  const child = spawn(
    join(root, 'node_modules/.bin/wrangler'),
    [
      'dev',
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
    ],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  );
  child.stdout?.on('data', (c: Buffer) => opts.onOutput?.(c, 'stdout'));
  child.stderr?.on('data', (c: Buffer) => opts.onOutput?.(c, 'stderr'));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`wrangler dev exited (code ${code})`))),
  );
  exited.catch(() => {});
  await Promise.race([
    waitForHttp(`http://127.0.0.1:${opts.port}/api/v1/health`, 120_000, true),
    exited,
  ]);
  return {
    url: `http://127.0.0.1:${opts.port}`,
    process: child,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null || !child.pid) return done();
        child.once('exit', () => done());
        process.kill(-child.pid, 'SIGTERM');
      }),
  };
}
