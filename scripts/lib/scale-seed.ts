import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from '../../db/schema';
import { ALL_PERMISSION_KEYS } from '../../schemas/permissions';
import { newId } from '../../worker/lib/encoding';
import { hashPassword } from '../../worker/lib/password';

type Db = LibSQLDatabase<typeof schema>;

export interface ScaleShape {
  regions: number;
  branchesPerRegion: number;
  fleetsPerBranch: number;
  usersPerBranch: number;
  usersPerFleet: number;
}

/** 1 + 10 + 1 000 + 9 000 = 10 011 companies; 10 000 + 90 000 = 100 000 users. */
export const DEFAULT_SHAPE: ScaleShape = {
  regions: 10,
  branchesPerRegion: 100,
  fleetsPerBranch: 9,
  usersPerBranch: 10,
  usersPerFleet: 10,
};

export interface ScaleDataset {
  rootId: string;
  adminUsername: string;
  /** A branch with its fleets, and one of its users, for benchmarks to aim at. */
  sampleBranchId: string;
  sampleUserId: string;
  companies: number;
  users: number;
}

async function insertChunked<T extends Record<string, unknown>>(
  db: Db,
  table: Parameters<Db['insert']>[0],
  rows: T[],
  size = 1000,
) {
  for (let i = 0; i < rows.length; i += size) {
    // biome-ignore lint/suspicious/noExplicitAny: drizzle's insert typing is per-table
    await db.insert(table).values(rows.slice(i, i + size) as any);
  }
}

/**
 * Fills an empty database with a large organisation for benchmarks: a group, regions,
 * branches and fleets, users in each, and an `admin` holding everything. All users share one
 * password hash (hashing 100 000 passwords would measure PBKDF2, not Gatehouse).
 */
export async function seedScale(
  db: Db,
  password: string,
  pepper: string,
  shape: ScaleShape = DEFAULT_SHAPE,
): Promise<ScaleDataset> {
  const now = new Date();
  const hash = await hashPassword(password, pepper);
  const companies: (typeof schema.companies.$inferInsert)[] = [];
  const users: (typeof schema.users.$inferInsert)[] = [];
  let userNo = 0;
  const addCompany = (name: string, parent: { id: string; path: string; depth: number } | null) => {
    const id = newId('co');
    const row = {
      id,
      name,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      createdAt: now,
    };
    companies.push(row);
    return row;
  };
  const addUsers = (companyId: string, n: number) => {
    for (let i = 0; i < n; i++) {
      userNo++;
      const username = `user${String(userNo).padStart(6, '0')}`;
      users.push({
        id: newId('us'),
        username,
        usernameKey: username,
        displayName: `Driver ${userNo}`,
        passwordHash: hash,
        companyId,
        relatedCompanyId: companyId,
        createdAt: now,
        updatedAt: now,
      });
    }
  };
  const root = addCompany('Scale Group', null);
  let sampleBranchId = '';
  for (let r = 0; r < shape.regions; r++) {
    const region = addCompany(`Region ${r + 1}`, root);
    for (let b = 0; b < shape.branchesPerRegion; b++) {
      const branch = addCompany(`Branch ${r + 1}-${b + 1}`, region);
      sampleBranchId ||= branch.id;
      addUsers(branch.id, shape.usersPerBranch);
      for (let f = 0; f < shape.fleetsPerBranch; f++) {
        const fleet = addCompany(`Fleet ${r + 1}-${b + 1}-${f + 1}`, branch);
        addUsers(fleet.id, shape.usersPerFleet);
      }
    }
  }
  const adminId = newId('us');
  const roleId = newId('ro');
  users.push({
    id: adminId,
    username: 'admin',
    usernameKey: 'admin',
    displayName: 'Scale Admin',
    passwordHash: hash,
    companyId: root.id,
    relatedCompanyId: root.id,
    createdAt: now,
    updatedAt: now,
  });
  await insertChunked(db, schema.companies, companies);
  await insertChunked(db, schema.users, users);
  await db
    .insert(schema.roles)
    .values({ id: roleId, name: 'Administrator', companyId: root.id, createdAt: now });
  await insertChunked(
    db,
    schema.rolePermissions,
    ALL_PERMISSION_KEYS.map((permission) => ({ roleId, permission })),
  );
  await db.insert(schema.userRoles).values({ userId: adminId, roleId });
  const sampleUser = users.find((u) => u.companyId === sampleBranchId);
  return {
    rootId: root.id,
    adminUsername: 'admin',
    sampleBranchId,
    sampleUserId: sampleUser?.id ?? adminId,
    companies: companies.length,
    users: users.length,
  };
}
