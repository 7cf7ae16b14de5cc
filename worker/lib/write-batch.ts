import type { InStatement, ResultSet } from '@libsql/client/web';
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { DrizzleDb } from './db';
import { ApiError } from './errors';
import { type FaultPoint, InjectedFault } from './faults';

/** A drizzle query builder (insert, update, delete, select) or a raw SQL fragment. */
export type Statement = { toSQL(): { sql: string; params: unknown[] } } | SQL;

type Failure = () => ApiError | InjectedFault | Promise<ApiError>;

/**
 * The statements of one write, sent to libSQL as one batch: one round trip, one transaction
 * (`BEGIN IMMEDIATE` … `COMMIT`), all or nothing. The rules that the write's earlier read
 * decided on are re-checked inside by guards: a guard is a query that returns rows when the
 * write must not happen; it makes its statement fail, the database rolls the whole batch
 * back, and the guard's error is thrown. So a concurrent change between the read and the
 * write cannot slip through, without an interactive transaction's many round trips.
 */
export class WriteBatch {
  private readonly statements: InStatement[] = [];
  private readonly failures = new Map<number, Failure>();
  private readonly uniqueFailures: { columns: string; failure: Failure }[] = [];

  constructor(private readonly db: DrizzleDb) {}

  /** Adds a statement; returns its index in the results of `commit`. */
  add(statement: Statement): number {
    const query = 'toSQL' in statement ? statement.toSQL() : this.db.all(statement).getQuery();
    this.statements.push({
      sql: query.sql,
      args: query.params as InStatement extends { args?: infer A } ? A : never,
    });
    return this.statements.length - 1;
  }

  /** Fails the batch here when `violation` returns any row; `error` tells the client why. */
  guard(violation: SQL, error: Failure): this {
    // json() of text that is not JSON is an error: the one way to fail a plain statement.
    const at = this.add(
      sql`SELECT json(CASE WHEN EXISTS (${violation}) THEN 'guard failed' ELSE '0' END)`,
    );
    this.failures.set(at, error);
    return this;
  }

  /**
   * When a statement breaks the unique index over `columns` (as SQLite names them,
   * `companies.parent_id, companies.name_key`), `error` tells the client why: the index, not a
   * read before the write, decides between concurrent writers.
   */
  onUniqueViolation(columns: string, error: Failure): this {
    this.uniqueFailures.push({ columns, failure: error });
    return this;
  }

  /** In the test environment, fails the batch here when the request names this fault point. */
  faultPoint(name: string, fault: FaultPoint): this {
    try {
      fault(name);
    } catch (injected) {
      if (!(injected instanceof InjectedFault)) throw injected;
      const at = this.add(sql`SELECT json('injected fault')`);
      this.failures.set(at, () => injected);
    }
    return this;
  }

  /**
   * Runs the statements in a write transaction and rolls it back, answering their results:
   * what the write would do (e.g. to count what a refused write would break, for its error).
   * For a batch without guards; two round trips.
   */
  async rehearse(): Promise<ResultSet[]> {
    const tx = await this.db.$client.transaction('write');
    try {
      return await tx.batch(this.statements);
    } finally {
      await tx.rollback();
    }
  }

  get size(): number {
    return this.statements.length;
  }

  async commit(): Promise<ResultSet[]> {
    if (this.statements.length === 0) return [];
    try {
      return await this.db.$client.batch(this.statements, 'write');
    } catch (error) {
      const failure = this.failures.get(failedStatement(error) ?? -1);
      if (failure) throw await failure();
      const messages = causes(error).map((e) => e.message);
      const unique = this.uniqueFailures.find(({ columns }) =>
        messages.some((m) => m.includes(`UNIQUE constraint failed: ${columns}`)),
      );
      if (unique) throw await unique.failure();
      // A row the write points at (a company, a role, a parent) went away since the read.
      if (causes(error).some((e) => /FOREIGN KEY constraint failed/.test(e.message))) {
        throw new ApiError('CONFLICT', {
          message: 'Something this change refers to was changed or removed meanwhile. Try again.',
        });
      }
      throw error;
    }
  }
}

/** An error and the errors it wraps. */
function causes(error: unknown): Error[] {
  const found: Error[] = [];
  for (let e: unknown = error; e instanceof Error && found.length < 6; e = e.cause) found.push(e);
  return found;
}

/** The index of the statement a batch failed at, if the driver says. */
function failedStatement(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; depth++) {
    const index = (e as { statementIndex?: unknown }).statementIndex;
    if (typeof index === 'number') return index;
    e = e.cause;
  }
  return undefined;
}

/** The rows of one statement's result, typed by the caller. */
export const rowsOf = <T>(result: ResultSet | undefined): T[] =>
  (result?.rows ?? []) as unknown as T[];
