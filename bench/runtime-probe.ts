import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the local runtime holds: workerd's memory and open files, and the hubs ever woken. */
export interface RuntimeProbe {
  rssMiB: number;
  openFiles: number;
  /** SessionHub objects with storage on disk: each woken hub creates its table, so its file. */
  hubObjects: number;
}

/** The workerd processes in the process group `groupId` (wrangler runs in its own group). */
function workerdPids(groupId: number): number[] {
  try {
    return execFileSync('pgrep', ['-g', String(groupId), 'workerd'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

const openFiles = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

function hubObjects(persistTo: string): number {
  const root = join(persistTo, 'v3', 'do');
  if (!existsSync(root)) return 0;
  const dir = readdirSync(root).find((name) => name.endsWith('-SessionHub'));
  if (!dir) return 0;
  return readdirSync(join(root, dir)).filter((f) => f.endsWith('.sqlite')).length;
}

export function probeRuntime(groupId: number, persistTo: string): RuntimeProbe {
  const pids = workerdPids(groupId);
  return {
    rssMiB: pids.reduce((sum, pid) => sum + rssMiB(pid), 0),
    openFiles: pids.reduce((sum, pid) => sum + openFiles(pid), 0),
    hubObjects: hubObjects(persistTo),
  };
}

export const fmtProbe = (p: RuntimeProbe) =>
  `workerd ${p.rssMiB.toFixed(0)} MiB, ${p.openFiles} open files, ${p.hubObjects} hubs on disk`;
