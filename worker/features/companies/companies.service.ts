import { eq, sql } from 'drizzle-orm';
import { companies } from '../../../db/schema';
import type {
  Company,
  CompanyDetail,
  CompanyTreeNode,
  UpdateCompanyInput,
} from '../../../schemas/companies';
import type { Actor } from '../../authority/actor';
import { actorWriteBatch } from '../../authority/batch-guards';
import { rolesOutOfReachUnderQuery } from '../../authority/ceilings';
import { disorderedPairsUnderQuery } from '../../authority/chain-order';
import { pathInScope, underPath } from '../../authority/scope';
import { auditInsert } from '../../lib/audit-log';
import type { DrizzleDb } from '../../lib/db';
import { newId } from '../../lib/encoding';
import { ApiError } from '../../lib/errors';
import type { FaultPoint } from '../../lib/faults';
import { rowsOf, type Statement, WriteBatch } from '../../lib/write-batch';
import { type CompanyRecord, type CompanyRow, contentsQuery } from './companies.repo';

/**
 * The decisions and writes of the companies feature. Routes read what a decision needs in the
 * actor's batch (`authorize`); the functions here judge those rows and write in one batch.
 */

/** Nests flat rows under their parents; rows whose parent is absent become roots. */
export function nest(rows: CompanyRow[]): CompanyTreeNode[] {
  const nodes = new Map<string, CompanyTreeNode>(
    rows.map((r) => [r.id, { ...toRow(r), children: [] as CompanyTreeNode[] }]),
  );
  const roots: CompanyTreeNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

const toRow = (r: CompanyRow): CompanyRow => ({
  id: r.id,
  name: r.name,
  parentId: r.parentId,
  userCount: Number(r.userCount),
  childCount: Number(r.childCount),
});

const notFound = (field?: string) =>
  new ApiError('NOT_FOUND', { message: 'No such company.', field });

/**
 * The company if it lies in the actor's scope. Outside the scope it does not exist for the
 * actor: 404, the same answer as for an id that exists nowhere.
 */
export function inScope(
  actor: Actor,
  row: CompanyRecord | undefined,
  field?: string,
): CompanyRecord {
  if (!row || !pathInScope(actor, row.path)) throw notFound(field);
  return row;
}

/** One company in scope with its counts and the path down to it from the actor's scope. */
export function companyDetail(
  actor: Actor,
  row: CompanyRecord | undefined,
  ancestors: { id: string; name: string; parentId: string | null; path: string }[],
  contents: CompanyContents | undefined,
): CompanyDetail {
  const company = inScope(actor, row);
  return {
    ...toCompany(company),
    userCount: Number(company.userCount),
    childCount: Number(company.childCount),
    trail: ancestors.filter((a) => pathInScope(actor, a.path)).map(toCompany),
    contents: {
      companies: Number(contents?.companies ?? 0),
      users: Number(contents?.users ?? 0),
      roles: Number(contents?.roles ?? 0),
    },
  };
}

const toCompany = (r: { id: string; name: string; parentId: string | null }): Company => ({
  id: r.id,
  name: r.name,
  parentId: r.parentId,
});

/**
 * The batch fails with 409 COMPANY_NAME_TAKEN when two siblings would share a name (any case,
 * trimmed), on the field that brought the clash: the name, or the parent of a move.
 */
const refuseSiblingNames = (batch: WriteBatch, field: 'name' | 'parentId' = 'name'): WriteBatch =>
  batch.onUniqueViolation(
    'companies.parent_id, companies.name_key',
    () => new ApiError('COMPANY_NAME_TAKEN', { field }),
  );

/**
 * Fails the batch when the company is gone or sits elsewhere than when it was read (a
 * concurrent move or delete): what was decided on it no longer holds.
 */
function guardUnchanged(batch: WriteBatch, company: CompanyRecord): WriteBatch {
  return batch.guard(
    sql`SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM companies WHERE id = ${company.id} AND path = ${company.path})`,
    () => new ApiError('CONFLICT', { message: 'The company changed meanwhile; try again.' }),
  );
}

export async function createCompany(
  db: DrizzleDb,
  actor: Actor,
  parentRow: CompanyRecord | undefined,
  name: string,
): Promise<Company> {
  const parent = inScope(actor, parentRow, 'parentId');
  const id = newId('co');
  const row = {
    id,
    name,
    parentId: parent.id,
    path: `${parent.path}${id}/`,
    depth: parent.depth + 1,
    createdAt: new Date(),
  };
  const batch = refuseSiblingNames(guardUnchanged(actorWriteBatch(db, actor), parent));
  batch.add(db.insert(companies).values(row));
  batch.add(
    auditInsert(db, actor, {
      action: 'company.create',
      targetType: 'company',
      targetId: id,
      companyPath: row.path,
      summary: `Created company “${row.name}” under “${parent.name}”`,
      after: toCompany(row),
    }),
  );
  await batch.commit();
  return toCompany(row);
}

/** The target and, for a move, its new parent, as read with the actor. */
export interface CompanyUpdateRows {
  target: CompanyRecord | undefined;
  newParent: CompanyRecord | undefined;
}

/** Renames and/or moves a company; a move re-paths its whole subtree in the same batch. */
export async function updateCompany(
  db: DrizzleDb,
  actor: Actor,
  rows: CompanyUpdateRows,
  input: UpdateCompanyInput,
  fault: FaultPoint,
): Promise<Company> {
  const target = inScope(actor, rows.target);
  // Any parent named for the scope root is refused alike: answering "unchanged" for its true
  // parent (outside the actor's scope) would confirm a guessed id.
  if (input.parentId !== undefined && (target.id === actor.scopeId || target.parentId === null)) {
    throw new ApiError('SCOPE_ROOT_LOCKED', { field: 'parentId' });
  }
  const moving = input.parentId !== undefined && input.parentId !== target.parentId;
  const renaming = input.name !== undefined && input.name !== target.name;
  // Nothing changes: nothing to write, nothing to audit.
  if (!moving && !renaming) return toCompany(target);
  let newParent: CompanyRecord | undefined;
  if (moving) {
    newParent = inScope(actor, rows.newParent, 'parentId');
    if (newParent.path.startsWith(target.path)) {
      throw new ApiError('COMPANY_CYCLE', { field: 'parentId' });
    }
  }
  const name = input.name ?? target.name;
  const after = { id: target.id, name, parentId: newParent?.id ?? target.parentId };
  const batch = refuseSiblingNames(
    guardUnchanged(actorWriteBatch(db, actor), target),
    renaming ? 'name' : 'parentId',
  );
  const rename = db
    .update(companies)
    .set({ name, parentId: after.parentId })
    .where(eq(companies.id, target.id));
  batch.add(rename);
  if (newParent) {
    guardUnchanged(batch, newParent);
    const newPath = `${newParent.path}${target.id}/`;
    batch.faultPoint('companies.move.midway', fault);
    const repath = db
      .update(companies)
      .set({
        path: sql`${newPath} || substr(${companies.path}, ${target.path.length + 1})`,
        depth: sql`${companies.depth} + ${newParent.depth + 1 - target.depth}`,
      })
      .where(underPath(companies.path, target.path));
    batch.add(repath);
    guardMoveAllowed(batch, db, target, newPath, [rename, repath]);
  }
  batch.add(
    auditInsert(db, actor, {
      action: 'company.update',
      targetType: 'company',
      targetId: target.id,
      companyPath: newParent ? `${newParent.path}${target.id}/` : target.path,
      summary: moving
        ? `Moved company “${name}” under “${newParent?.name}”`
        : `Renamed company “${target.name}” to “${name}”`,
      before: toCompany(target),
      after,
    }),
  );
  await batch.commit();
  return after;
}

/**
 * After a move (its statements `move`) to `newPath`: users of the moved branch may hold roles
 * owned outside their new line (409 CONFLICT), and a sub-user scoped inside it may now see
 * outside its parent's scope (409 EXCEEDS_PARENT). Checked inside the batch after the writes;
 * on refusal the move is rehearsed and rolled back once more to count what it would break.
 */
function guardMoveAllowed(
  batch: WriteBatch,
  db: DrizzleDb,
  target: CompanyRecord,
  newPath: string,
  move: Statement[],
): void {
  const unusableRoles = rolesOutOfReachUnderQuery(newPath);
  const brokenPairs = disorderedPairsUnderQuery(newPath);
  const counted = async () => {
    const rehearsal = new WriteBatch(db);
    for (const statement of move) rehearsal.add(statement);
    const at = rehearsal.add(sql`SELECT
      (SELECT count(*) FROM (${unusableRoles})) AS roles, (SELECT count(*) FROM (${brokenPairs})) AS pairs`);
    const [row] = rowsOf<{ roles: number; pairs: number }>((await rehearsal.rehearse())[at]);
    return [Number(row?.roles ?? 0), Number(row?.pairs ?? 0)] as const;
  };
  batch.guard(unusableRoles, async () => {
    const [unusable = 0] = await counted();
    return new ApiError('CONFLICT', {
      message: `Users of “${target.name}” hold ${unusable} role assignment${unusable === 1 ? '' : 's'} owned outside the new place. Remove those roles first.`,
      field: 'parentId',
      details: { roleAssignments: unusable },
    });
  });
  batch.guard(brokenPairs, async () => {
    const [, broken = 0] = await counted();
    return new ApiError('EXCEEDS_PARENT', {
      message: `Moving “${target.name}” would leave ${broken} sub-user${broken === 1 ? '' : 's'} seeing outside ${broken === 1 ? 'its parent’s' : 'their parents’'} related company.`,
      field: 'parentId',
      details: { subUsers: broken },
    });
  });
}

/** Deletes an empty company; otherwise 409 COMPANY_NOT_EMPTY with what it still holds. */
export async function deleteCompany(
  db: DrizzleDb,
  actor: Actor,
  row: CompanyRecord | undefined,
  contents: CompanyContents | undefined,
): Promise<void> {
  const target = inScope(actor, row);
  if (target.id === actor.scopeId || target.parentId === null) {
    throw new ApiError('SCOPE_ROOT_LOCKED');
  }
  if (contents) assertEmpty(target, contents);
  const batch = guardUnchanged(actorWriteBatch(db, actor), target);
  // Something may have been added meanwhile: checked again inside the write.
  batch.guard(
    sql`SELECT 1 FROM companies WHERE parent_id = ${target.id}
      UNION ALL SELECT 1 FROM users WHERE company_id = ${target.id} OR related_company_id = ${target.id}
      UNION ALL SELECT 1 FROM roles WHERE company_id = ${target.id}`,
    async () => {
      const [now] = await contentsQuery(db, target.id);
      return now ? notEmpty(target, now) : notFound();
    },
  );
  batch.add(db.delete(companies).where(eq(companies.id, target.id)));
  batch.add(
    auditInsert(db, actor, {
      action: 'company.delete',
      targetType: 'company',
      targetId: target.id,
      companyPath: target.path,
      summary: `Deleted company “${target.name}”`,
      before: toCompany(target),
    }),
  );
  await batch.commit();
}

export type CompanyContents = {
  companies: number;
  users: number;
  roles: number;
};

function assertEmpty(target: CompanyRecord, contents: CompanyContents): void {
  if (contents.companies || contents.users || contents.roles) throw notEmpty(target, contents);
}

function notEmpty(target: CompanyRecord, contents: CompanyContents): ApiError {
  const parts = [
    contents.companies ? plural(contents.companies, 'subsidiary', 'subsidiaries') : '',
    contents.users ? plural(contents.users, 'user', 'users') : '',
    contents.roles ? plural(contents.roles, 'role', 'roles') : '',
  ].filter(Boolean);
  return new ApiError('COMPANY_NOT_EMPTY', {
    message: `“${target.name}” still has ${parts.join(', ')}. Move or delete them first.`,
    details: contents,
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
