import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { companies } from '../../db/schema';
import { createCompany, testDb } from '../../test/worker/fixtures';
import { ApiError } from './errors';
import { InjectedFault } from './faults';
import { WriteBatch } from './write-batch';

const nameOf = async (id: string) =>
  (await testDb().select().from(companies).where(eq(companies.id, id)).get())?.name;

describe('WriteBatch', () => {
  it('writes every statement in one round trip when no guard fires', async () => {
    const company = await createCompany('Batch ok');
    let trips = 0;
    const db = testDb();
    const inner = db.$client.batch.bind(db.$client);
    db.$client.batch = (...args) => {
      trips++;
      return inner(...args);
    };
    const batch = new WriteBatch(db);
    batch.add(db.update(companies).set({ name: 'Renamed' }).where(eq(companies.id, company.id)));
    batch.guard(sql`SELECT 1 WHERE 0`, () => new ApiError('NOT_FOUND'));
    const at = batch.add(sql`SELECT name FROM companies WHERE id = ${company.id}`);
    const results = await batch.commit();
    expect(trips).toBe(1);
    expect(results[at]?.rows[0]?.name).toBe('Renamed');
  });

  it('a guard that finds rows rolls back what came before it and throws its error', async () => {
    const company = await createCompany('Batch guarded');
    const db = testDb();
    const batch = new WriteBatch(db);
    batch.add(db.update(companies).set({ name: 'Changed' }).where(eq(companies.id, company.id)));
    batch.guard(sql`SELECT 1`, () => new ApiError('EXCEEDS_PARENT'));
    batch.add(
      db.update(companies).set({ name: 'Changed again' }).where(eq(companies.id, company.id)),
    );
    await expect(batch.commit()).rejects.toMatchObject({ code: 'EXCEEDS_PARENT' });
    expect(await nameOf(company.id)).toBe('Batch guarded');
  });

  it('an injected fault midway leaves the data as before', async () => {
    const company = await createCompany('Batch fault');
    const db = testDb();
    const batch = new WriteBatch(db);
    batch.add(db.update(companies).set({ name: 'Half' }).where(eq(companies.id, company.id)));
    batch.faultPoint('here', (name) => {
      if (name === 'here') throw new InjectedFault('injected');
    });
    await expect(batch.commit()).rejects.toBeInstanceOf(InjectedFault);
    expect(await nameOf(company.id)).toBe('Batch fault');
  });

  it('a rehearsal answers what the statements would do and leaves the data as before', async () => {
    const company = await createCompany('Batch rehearsal');
    const db = testDb();
    const rehearsal = new WriteBatch(db);
    rehearsal.add(db.update(companies).set({ name: 'Tried' }).where(eq(companies.id, company.id)));
    const at = rehearsal.add(sql`SELECT name FROM companies WHERE id = ${company.id}`);
    expect((await rehearsal.rehearse())[at]?.rows[0]?.name).toBe('Tried');
    expect(await nameOf(company.id)).toBe('Batch rehearsal');
  });
});
