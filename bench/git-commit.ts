import { execFileSync } from 'node:child_process';

/** The checked-out commit, `+dirty` when files differ from it: what a bench's figures are for. */
export function gitCommit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  try {
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? '+dirty' : ''}`;
  } catch {
    return 'unknown';
  }
}
