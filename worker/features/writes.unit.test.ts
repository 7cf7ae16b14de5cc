import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every write of a feature starts its batch with `actorWriteBatch`, whose first guard checks
 * that the actor still stands as its read found it (worker/authority/batch-guards.ts). A bare
 * `new WriteBatch(` in a feature would skip that guard; only a rehearsal that always rolls
 * back may use one.
 */
describe('feature writes start from the actor', () => {
  const dir = import.meta.dirname;
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );

  it('finds the feature services', () => {
    expect(files.filter((f) => f.endsWith('.service.ts')).length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s opens no bare WriteBatch', (file) => {
    const bare = readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.includes('new WriteBatch(') && !line.includes('rehearsal'));
    expect(bare).toEqual([]);
  });
});
