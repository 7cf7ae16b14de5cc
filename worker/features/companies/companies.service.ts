import { eq, sql } from 'drizzle-orm';
import { companies } from '../../../db/schema';
import type {
  Company,
  CompanyDetail,
  CompanyTreeNode,
  CreateCompanyInput,
  UpdateCompanyInput,
} from '../../../schemas/companies';
import type { Actor } from '../../authority/actor';
import { rolesOutOfReachUnder } from '../../authority/ceilings';
import { disorderedPairsUnder } from '../../authority/chain-order';
import { companyInScope, underPath } from '../../authority/scope';
import { auditInsert } from '../../lib/audit-log';
import type { DrizzleDb } from '../../lib/db';
import { newId } from '../../lib/encoding';
import { ApiError } from '../../lib/errors';
import { type FaultPoint, noFaults } from '../../lib/faults';
import {
  type CompanyRow,
  companiesOnPath,
  companyContents,
  listChildren,
  listSubtree,
  searchSubtree,
  withCounts,
} from './companies.repo';

/** Nests flat rows under their parents; rows whose parent is absent become roots. */
export function nest(rows: CompanyRow[]): CompanyTreeNode[] {
  const nodes = new Map<string, CompanyTreeNode>(
    rows.map((r) => [r.id, { ...r, children: [] as CompanyTreeNode[] }]),
  );
  const roots: CompanyTreeNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

/**
 * The actor's scope as a tree, `depth` levels deep (deeper levels load per node); with `q`,
 * only the matches (by company or user name) with the path to each.
 */
export async function companyTree(
  db: DrizzleDb,
  actor: Actor,
  opts: { q?: string | undefined; depth: number },
) {
  if (opts.q) return nest(await searchSubtree(db, actor.scopePath, opts.q));
  const scopeDepth = actor.scopePath.split('/').filter(Boolean).length - 1;
  return nest(await listSubtree(db, actor.scopePath, scopeDepth + opts.depth));
}

/** The direct subsidiaries of a company in scope, for lazy loading of the tree. */
export async function companyChildren(db: DrizzleDb, actor: Actor, id: string) {
  await companyInScope(db, actor, id);
  return nest(await listChildren(db, id));
}

/** One company in scope with its counts and the path down to it from the actor's scope. */
export async function companyDetail(
  db: DrizzleDb,
  actor: Actor,
  id: string,
): Promise<CompanyDetail> {
  const company = await companyInScope(db, actor, id);
  const [counted] = await withCounts(db, [company]);
  const above = company.path.split('/').filter(Boolean).slice(0, -1);
  const inScope = above.slice(Math.max(0, actor.scopePath.split('/').filter(Boolean).length - 1));
  const trail = (await companiesOnPath(db, inScope)).map(toCompany);
  return {
    ...toCompany(company),
    userCount: counted?.userCount ?? 0,
    childCount: counted?.childCount ?? 0,
    trail,
  };
}

const toCompany = (r: { id: string; name: string; parentId: string | null }): Company => ({
  id: r.id,
  name: r.name,
  parentId: r.parentId,
});

export async function createCompany(
  db: DrizzleDb,
  actor: Actor,
  input: { name: string; parentId: string },
): Promise<Company> {
  const parent = await companyInScope(db, actor, input.parentId, 'parentId');
  const id = newId('co');
  const row = {
    id,
    name: input.name,
    parentId: parent.id,
    path: `${parent.path}${id}/`,
    depth: parent.depth + 1,
    createdAt: new Date(),
  };
  await db.batch([
    db.insert(companies).values(row),
    auditInsert(db, actor, {
      action: 'company.create',
      targetType: 'company',
      targetId: id,
      companyPath: row.path,
      summary: `Created company “${row.name}” under “${parent.name}”`,
      after: toCompany(row),
    }),
  ]);
  return toCompany(row);
}

/** Renames and/or moves a company; a move re-paths its whole subtree in one transaction. */
export async function updateCompany(
  db: DrizzleDb,
  actor: Actor,
  id: string,
  input: UpdateCompanyInput,
  fault: FaultPoint = noFaults,
): Promise<Company> {
  const target = await companyInScope(db, actor, id);
  const moving = input.parentId !== undefined && input.parentId !== target.parentId;
  let newParent: Awaited<ReturnType<typeof companyInScope>> | undefined;
  if (moving) {
    if (target.id === actor.scopeId || target.parentId === null) {
      throw new ApiError('SCOPE_ROOT_LOCKED', { field: 'parentId' });
    }
    newParent = await companyInScope(db, actor, input.parentId ?? '', 'parentId');
    if (newParent.path.startsWith(target.path)) {
      throw new ApiError('COMPANY_CYCLE', { field: 'parentId' });
    }
  }
  const name = input.name ?? target.name;
  const after = { id, name, parentId: newParent?.id ?? target.parentId };
  await db.transaction(async (tx) => {
    await tx.update(companies).set({ name, parentId: after.parentId }).where(eq(companies.id, id));
    if (newParent) {
      const newPath = `${newParent.path}${id}/`;
      fault('companies.move.midway');
      await tx
        .update(companies)
        .set({
          path: sql`${newPath} || substr(${companies.path}, ${target.path.length + 1})`,
          depth: sql`${companies.depth} + ${newParent.depth + 1 - target.depth}`,
        })
        .where(underPath(companies.path, target.path));
      // Users of the moved branch may hold roles owned outside their new line.
      const unusable = await rolesOutOfReachUnder(tx, newPath);
      if (unusable > 0) {
        throw new ApiError('CONFLICT', {
          message: `Users of “${target.name}” hold ${unusable} role assignment${unusable === 1 ? '' : 's'} owned outside the new place. Remove those roles first.`,
          field: 'parentId',
          details: { roleAssignments: unusable },
        });
      }
      // A sub-user scoped inside the moved branch may now see outside its parent's scope.
      const broken = await disorderedPairsUnder(tx, newPath);
      if (broken > 0) {
        throw new ApiError('EXCEEDS_PARENT', {
          message: `Moving “${target.name}” would leave ${broken} sub-user${broken === 1 ? '' : 's'} seeing outside ${broken === 1 ? 'its parent’s' : 'their parents’'} related company.`,
          field: 'parentId',
          details: { subUsers: broken },
        });
      }
    }
    await auditInsert(tx, actor, {
      action: 'company.update',
      targetType: 'company',
      targetId: id,
      companyPath: newParent ? `${newParent.path}${id}/` : target.path,
      summary: moving
        ? `Moved company “${name}” under “${newParent?.name}”`
        : `Renamed company “${target.name}” to “${name}”`,
      before: toCompany(target),
      after,
    });
  });
  return after;
}

/** Deletes an empty company; otherwise 409 COMPANY_NOT_EMPTY with what it still holds. */
export async function deleteCompany(db: DrizzleDb, actor: Actor, id: string): Promise<void> {
  const target = await companyInScope(db, actor, id);
  if (target.id === actor.scopeId || target.parentId === null) {
    throw new ApiError('SCOPE_ROOT_LOCKED');
  }
  await db.transaction(async (tx) => {
    const contents = await companyContents(tx, id);
    const parts = [
      contents.companies ? plural(contents.companies, 'subsidiary', 'subsidiaries') : '',
      contents.users ? plural(contents.users, 'user', 'users') : '',
      contents.roles ? plural(contents.roles, 'role', 'roles') : '',
    ].filter(Boolean);
    if (parts.length > 0) {
      throw new ApiError('COMPANY_NOT_EMPTY', {
        message: `“${target.name}” still has ${parts.join(', ')}. Move or delete them first.`,
        details: contents,
      });
    }
    await tx.delete(companies).where(eq(companies.id, id));
    await auditInsert(tx, actor, {
      action: 'company.delete',
      targetType: 'company',
      targetId: id,
      companyPath: target.path,
      summary: `Deleted company “${target.name}”`,
      before: toCompany(target),
    });
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export type { CreateCompanyInput };
