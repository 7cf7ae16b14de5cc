import { eq } from 'drizzle-orm';
import * as schema from '../db/schema';
import { type ScaleShape, seedScale } from '../scripts/lib/scale-seed';
import { newId } from '../worker/lib/encoding';
import { hashPassword } from '../worker/lib/password';
import type { BenchDb } from './bench-stack';

/**
 * The scale set (10 003 companies, 100 001 users) shaped so that one region holds 50 000
 * accounts: 2 regions × 1 000 branches × (10 users + 4 fleets × 10 users).
 */
export const FANOUT_SHAPE: ScaleShape = {
  regions: 2,
  branchesPerRegion: 1000,
  fleetsPerBranch: 4,
  usersPerBranch: 10,
  usersPerFleet: 10,
};

export interface FanOutDataset {
  /** A user of the first region's own company: its expiry sync reaches the whole region. */
  regionUserId: string;
  regionAccounts: number;
  /** Usernames in the first region, in seed order (user000001 …). */
  regionUsernames: string[];
  /** A user with `subUsers` sub-users (100 children, the rest grandchildren). */
  treeOwnerId: string;
  treeUsernames: string[];
}

const pad = (n: number) => String(n).padStart(6, '0');

export async function seedFanOut(
  db: BenchDb,
  password: string,
  pepper: string,
  subUsers: number,
): Promise<FanOutDataset> {
  const scale = await seedScale(db, password, pepper, FANOUT_SHAPE);
  const regions = await db
    .select()
    .from(schema.companies)
    .where(eq(schema.companies.parentId, scale.rootId))
    .orderBy(schema.companies.path);
  const [first, second] = regions;
  if (!first || !second) throw new Error('the scale seed has fewer than two regions');
  const perRegion =
    FANOUT_SHAPE.branchesPerRegion *
    (FANOUT_SHAPE.usersPerBranch + FANOUT_SHAPE.fleetsPerBranch * FANOUT_SHAPE.usersPerFleet);
  // seedScale numbers users region by region; find which region came first by its users.
  const probe = await db
    .select({ companyId: schema.users.companyId })
    .from(schema.users)
    .where(eq(schema.users.usernameKey, 'user000001'))
    .get();
  const probeCompany = probe
    ? await db.select().from(schema.companies).where(eq(schema.companies.id, probe.companyId)).get()
    : undefined;
  const region = probeCompany?.path.startsWith(second.path) ? second : first;
  const other = region === first ? second : first;
  const hash = await hashPassword(password, pepper);
  const now = new Date();
  const user = (username: string, companyId: string, parentUserId: string | null) => ({
    id: newId('us'),
    username,
    usernameKey: username,
    displayName: username,
    passwordHash: hash,
    companyId,
    relatedCompanyId: companyId,
    parentUserId,
    createdAt: now,
    updatedAt: now,
  });
  const regionUser = user('region.one', region.id, null);
  await db.insert(schema.users).values(regionUser);
  const owner = user('tree.owner', other.id, null);
  const tree: ReturnType<typeof user>[] = [];
  const children = Math.min(100, subUsers);
  for (let i = 0; i < children; i++) tree.push(user(`sub${pad(i + 1)}`, other.id, owner.id));
  for (let i = children; i < subUsers; i++) {
    const parent = tree[i % children];
    tree.push(user(`sub${pad(i + 1)}`, other.id, parent?.id ?? owner.id));
  }
  await db.insert(schema.users).values(owner);
  for (let i = 0; i < tree.length; i += 500) {
    await db.insert(schema.users).values(tree.slice(i, i + 500));
  }
  return {
    regionUserId: regionUser.id,
    regionAccounts: perRegion + 1,
    regionUsernames: Array.from({ length: perRegion }, (_, i) => `user${pad(i + 1)}`),
    treeOwnerId: owner.id,
    treeUsernames: tree.map((u) => u.username),
  };
}
