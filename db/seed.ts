import { count } from 'drizzle-orm';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { ALL_PERMISSION_KEYS } from '../schemas/permissions';
import { newId } from '../worker/lib/encoding';
import { hashPassword } from '../worker/lib/password';
import * as schema from './schema';

type Db = LibSQLDatabase<typeof schema>;

interface CompanySeed {
  name: string;
  children?: CompanySeed[];
}

const DEMO_TREE: CompanySeed = {
  name: 'Northwind Group',
  children: [
    {
      name: 'Europe',
      children: [
        {
          name: 'Berlin Branch',
          children: [{ name: 'Fleet Berlin North' }, { name: 'Fleet Berlin South' }],
        },
        { name: 'Paris Branch' },
      ],
    },
    { name: 'Americas', children: [{ name: 'Chicago Branch' }, { name: 'Toronto Branch' }] },
  ],
};

const DISPATCHER = [
  'web.monitor.map',
  'web.monitor.video',
  'web.alerts.view',
  'web.alerts.handle',
  'app.monitor.map',
  'app.alerts.view',
  'app.alerts.handle',
];

/**
 * A branch manager holds everything its dispatchers hold: an admin acts only on accounts
 * holding nothing it lacks.
 */
const ROLE_GRANTS: Record<string, string[]> = {
  Administrator: [...ALL_PERMISSION_KEYS],
  Dispatcher: DISPATCHER,
  'Branch manager': [
    ...DISPATCHER,
    'function.companies.view',
    'function.users.view',
    'function.users.create',
    'function.users.edit',
    'function.users.expiry.edit',
    'function.sessions.view',
    'function.sessions.revoke',
    'web.organization.users',
    'web.organization.users.new',
    'web.organization.users.edit',
    'web.reports.mileage',
  ],
};

export interface SeedResult {
  seeded: boolean;
  users: string[];
}

/** Creates the demo organisation when the database holds no company yet; one atomic batch. */
export async function seedDemo(db: Db, password: string, pepper: string): Promise<SeedResult> {
  const existing = await db.select({ n: count() }).from(schema.companies).get();
  if ((existing?.n ?? 0) > 0) return { seeded: false, users: [] };

  const now = new Date();
  const companyRows: (typeof schema.companies.$inferInsert)[] = [];
  const ids = new Map<string, string>();
  const walk = (node: CompanySeed, parentId: string | null, parentPath: string, depth: number) => {
    const id = newId('co');
    const path = `${parentPath}${id}/`;
    ids.set(node.name, id);
    companyRows.push({ id, name: node.name, parentId, path, depth, createdAt: now });
    for (const child of node.children ?? []) walk(child, id, path, depth + 1);
  };
  walk(DEMO_TREE, null, '/', 0);
  const company = (name: string) => ids.get(name) ?? '';

  const rootId = company('Northwind Group');
  const roleIds = new Map(Object.keys(ROLE_GRANTS).map((name) => [name, newId('ro')]));
  const role = (name: string) => roleIds.get(name) ?? '';

  const passwordHash = await hashPassword(password, pepper);
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);
  const person = (
    username: string,
    displayName: string,
    companyName: string,
    scopeName: string,
    extra: Partial<typeof schema.users.$inferInsert> = {},
  ): typeof schema.users.$inferInsert => ({
    id: newId('us'),
    username,
    usernameKey: username.toLowerCase(),
    displayName,
    email: `${username.replace(/[^a-z0-9]/gi, '.')}@northwind.example`,
    passwordHash,
    companyId: company(companyName),
    relatedCompanyId: company(scopeName),
    createdAt: now,
    updatedAt: now,
    ...extra,
  });
  const admin = person('admin', 'Gatehouse Admin', 'Northwind Group', 'Northwind Group');
  const emma = person('emma.weber', 'Emma Weber', 'Berlin Branch', 'Europe', {
    expiresAt: inDays(365),
  });
  const userRows = [
    admin,
    emma,
    // A sub-user never outlives its parent: the desk ends with Emma's account at the latest.
    // The desk's shared phone signs in and unlocks with a code mailed to the desk (the demo
    // mailbox shows it), not with a password alone.
    person('dispatch.berlin', 'Berlin Dispatch Desk', 'Berlin Branch', 'Berlin Branch', {
      parentUserId: emma.id,
      expiresAt: inDays(180),
      mfaAppLogin: 'email',
      mfaAppUnlock: 'email',
    }),
    person('lucas.martin', 'Lucas Martin', 'Paris Branch', 'Paris Branch', {
      expiresAt: inDays(90),
    }),
    person('olivia.chen', 'Olivia Chen', 'Chicago Branch', 'Americas', { expiresAt: inDays(30) }),
  ];
  const assignments = [
    { userId: admin.id, roleId: role('Administrator') },
    { userId: emma.id, roleId: role('Branch manager') },
    { userId: userRows[2]?.id ?? '', roleId: role('Dispatcher') },
    { userId: userRows[3]?.id ?? '', roleId: role('Dispatcher') },
    { userId: userRows[4]?.id ?? '', roleId: role('Branch manager') },
  ];

  await db.batch([
    db.insert(schema.companies).values(companyRows),
    db
      .insert(schema.roles)
      .values([...roleIds].map(([name, id]) => ({ id, name, companyId: rootId, createdAt: now }))),
    db
      .insert(schema.rolePermissions)
      .values(
        Object.entries(ROLE_GRANTS).flatMap(([name, keys]) =>
          keys.map((permission) => ({ roleId: role(name), permission })),
        ),
      ),
    db.insert(schema.users).values(userRows),
    db.insert(schema.userRoles).values(assignments),
  ]);
  return { seeded: true, users: userRows.map((u) => u.username) };
}
