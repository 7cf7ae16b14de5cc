import { effectivePermissions } from '../../schemas/permissions';
import type { DrizzleDb } from '../lib/db';
import { type ChainLink, loadGrants } from './account.repo';

/**
 * The effective permissions of the first user of `chain`: its own grants intersected with
 * those of every ancestor, computed from the root of the chain down.
 */
export async function effectivePermissionsOf(db: DrizzleDb, chain: ChainLink[]): Promise<string[]> {
  const grants = await loadGrants(
    db,
    chain.map((link) => link.id),
  );
  let inherited: Set<string> | undefined;
  for (const link of [...chain].reverse()) {
    const own = grants.get(link.id) ?? { direct: [], roles: [] };
    inherited = effectivePermissions(own.direct, [own.roles], inherited);
  }
  return [...(inherited ?? [])].sort();
}
