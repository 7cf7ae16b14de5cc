import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

/**
 * Child processes started in their own process group, so that stopping one stops everything it
 * spawned in turn (wrangler → workerd, esbuild), even after the leader itself has died.
 */
const groups = new Set<ChildProcess>();

/** How long a group gets to end after SIGTERM before it is killed. */
export const STOP_GRACE_MS = 5_000;

/** `spawn` with `detached: true` (a new process group led by the child), remembered for stopping. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid) groups.add(child);
  return child;
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    // EPERM: a process of the group exists but is not ours to signal; it is still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntilGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (signalGroup(pgid, 0)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

/**
 * Ends the child's whole group: SIGTERM, then SIGKILL after `graceMs`. Signals the group even
 * when the leader has already exited, since its children (workerd, esbuild) may live on.
 */
export async function stopGroup(child: ChildProcess, graceMs = STOP_GRACE_MS): Promise<void> {
  const pgid = child.pid;
  if (!pgid) return;
  if (signalGroup(pgid, 'SIGTERM') && !(await waitUntilGone(pgid, graceMs))) {
    signalGroup(pgid, 'SIGKILL');
    await waitUntilGone(pgid, 2_000);
  }
  groups.delete(child);
}

/** Stops every group this process started and has not stopped yet. */
export async function stopAllGroups(graceMs = STOP_GRACE_MS): Promise<void> {
  await Promise.all([...groups].map((child) => stopGroup(child, graceMs)));
}

// Last resort when this process exits without stopping its groups (an uncaught error, or
// process.exit from elsewhere): 'exit' handlers cannot wait, so kill at once.
process.on('exit', () => {
  for (const child of groups) if (child.pid) signalGroup(child.pid, 'SIGKILL');
});

/**
 * On SIGINT/SIGTERM/SIGHUP: runs `cleanup` (which should stop the groups it owns; it gets the
 * exit code the script will end with), stops any
 * group left, and exits with 128 + the signal's number. Ctrl-C does not reach detached groups,
 * so without this they would outlive the script.
 */
export function stopGroupsOnSignals(
  cleanup: (exitCode: number) => Promise<void> = async () => {},
): void {
  const numbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  let stopping = false;
  for (const signal of Object.keys(numbers) as NodeJS.Signals[]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}: stopping the processes this script started…`);
      const exitCode = 128 + (numbers[signal] ?? 0);
      void cleanup(exitCode)
        .catch((error) => console.error(error))
        .then(() => stopAllGroups())
        .finally(() => process.exit(exitCode));
    });
  }
}
