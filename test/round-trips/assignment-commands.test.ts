import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type NaboDatabase } from '../../models/database.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';
import type { Area } from '../../models/types.js';
import { runMonthlyAssignment } from '../../src/assignment/run-monthly-assignment.js';
import { CommandCounter } from '../support/command-counter.js';
import { describeCommands } from './support.js';

/**
 * The monthly hand-out per area, counted at the driver (issue 15): planned from bulk reads and
 * saved with bulk writes, so the number of commands does not grow with the number of
 * households. 10,000 households in 50 areas took 20,041 commands before (a resident re-read and
 * one insert per household).
 */
const NOW = new Date('2026-12-01T08:00:00Z');
const MONTH = '2026-12';
const counter = new CommandCounter();
let server: EmbeddedMongo | undefined;
let db: NaboDatabase;
let areas = 0;

beforeAll(async () => {
  const realUri = process.env.MONGODB_URI;
  if (!realUri) server = await startEmbeddedMongo({ port: 0 });
  db = await connectDatabase(realUri || (server?.uri ?? ''), {
    dbName: `nabo_assign_${Math.random().toString(36).slice(2, 10)}`,
    commandListener: counter.listener,
  });
});

afterAll(async () => {
  await db.drop();
  await db.close();
  await server?.stop();
});

/** An area with `households` new households and ambassadors with room for all of them. */
async function estate(households: number): Promise<Area> {
  const area = await db.areas.create({ key: `bulk-${++areas}`, name: `Område ${areas}` });
  const agreed = new Date('2026-01-01T00:00:00Z');
  for (let p = 0; p < 10; p += 1) {
    await db.people.add({
      name: `Ambassadør ${p + 1}`,
      roles: [{ areaId: area.id, role: 'ambassador' }],
      stairwell: String(p % 4),
      monthlyCapacity: Math.ceil(households / 10),
      confidentialityAt: agreed,
    });
  }
  await db.residents.importMany(
    area.id,
    Array.from({ length: households }, (_, h) => ({
      names: [`Beboer ${h + 1}`],
      address: `Bænkevej ${h + 1}`,
      stairwell: String(h % 4),
      moveInDate: `2026-11-${String((h % 28) + 1).padStart(2, '0')}`,
      source: { list: 'test', row: h + 1 },
    })),
  );
  return area;
}

describe('MongoDB commands of the monthly hand-out, per area', () => {
  it('when an area of 20 and one of 200 households are handed out, then both take the same few commands (at most 20)', async () => {
    const small = await estate(20);
    const large = await estate(200);
    const few = await counter.count(() =>
      runMonthlyAssignment(db, { area: small, month: MONTH, now: NOW }),
    );
    const many = await counter.count(() =>
      runMonthlyAssignment(db, { area: large, month: MONTH, now: NOW }),
    );
    expect(few.result.opened).toHaveLength(20);
    expect(many.result.opened).toHaveLength(200);
    expect(await db.visits.listByArea(large.id)).toHaveLength(200);
    expect(few.total, describeCommands(few.commands).join(', ')).toBeLessThanOrEqual(20);
    expect(many.total, describeCommands(many.commands).join(', ')).toBe(few.total);
  });

  it('when the hand-out runs again, then nothing new is opened, nobody gets a household twice, and it takes no more commands', async () => {
    const area = await estate(40);
    const first = await counter.count(() =>
      runMonthlyAssignment(db, { area, month: MONTH, now: NOW }),
    );
    const again = await counter.count(() =>
      runMonthlyAssignment(db, { area, month: MONTH, now: NOW }),
    );
    expect(first.result.opened).toHaveLength(40);
    expect(again.result.opened).toEqual([]);
    expect(again.total).toBeLessThanOrEqual(first.total);
    const visits = await db.visits.listByArea(area.id);
    expect(visits).toHaveLength(40);
    expect(new Set(visits.map((visit) => visit.residentId)).size).toBe(40);
  });

  it('when two hand-outs of the same area race, then every household is opened once and the loser counts the rest as already done', async () => {
    const area = await estate(60);
    const [one, two] = await Promise.all([
      runMonthlyAssignment(db, { area, month: MONTH, now: NOW }),
      runMonthlyAssignment(db, { area, month: MONTH, now: NOW }),
    ]);
    const visits = await db.visits.listByArea(area.id);
    expect(visits).toHaveLength(60);
    expect(new Set(visits.map((visit) => visit.residentId)).size).toBe(60);
    expect(one.opened.length + two.opened.length).toBe(60);
    expect(one.skipped + two.skipped).toBe(
      one.plan.assignments.length + two.plan.assignments.length - 60,
    );
  });

  it('when a planned household was opened by someone else meanwhile, then the save opens the rest in one command and counts that one as already done', async () => {
    const area = await estate(5);
    const [ambassador] = await db.people.listByArea(area.id, 'ambassador');
    const households = await db.residents.listUnassigned(area.id);
    const taken = await db.visits.open(households[2]!.id, ambassador!.id, MONTH);
    const planned = households.map((resident) => ({
      residentId: resident.id,
      ambassadorId: ambassador!.id,
    }));
    const saved = await counter.count(() => db.visits.openMany(area.id, MONTH, planned));
    expect(saved.total).toBe(1);
    expect(saved.result.alreadyOpen).toBe(1);
    expect(saved.result.opened.map((visit) => visit.residentId)).toEqual(
      households.filter((_, index) => index !== 2).map((resident) => resident.id),
    );
    const open = await db.visits.listByArea(area.id, { status: 'open' });
    expect(open).toHaveLength(5);
    expect(open.find((visit) => visit.residentId === households[2]!.id)?.id).toBe(taken.id);
  });
});
