import { MongoClient, ObjectId } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Area, Person, Resident } from '../../models/types.js';
import { useTestDatabase } from '../support/database.js';

let clock = new Date('2026-12-01T08:00:00.000Z');
const db = useTestDatabase({ now: () => clock });

let area: Area;
let birgit: Person;
let ahmed: Person;
const households: Resident[] = [];

function resident(index: number): Resident {
  const found = households[index];
  if (!found) throw new Error(`no household ${index}`);
  return found;
}

beforeAll(async () => {
  area = await db().areas.create({ key: 'gellerup', name: 'Gellerup' });
  birgit = await db().people.add({
    name: 'Birgit Sørensen',
    roles: [{ areaId: area.id, role: 'ambassador' }],
  });
  ahmed = await db().people.add({
    name: 'Ahmed Hassan',
    roles: [{ areaId: area.id, role: 'ambassador' }],
  });
  const units = ['1. th', '1. tv', '2. th', '2. tv', '3. th', '3. tv', '4. th', '4. tv'];
  await db().residents.importMany(
    area.id,
    units.map((unit, index) => ({
      names: [`Household ${index}`],
      address: 'Gudrunsvej 10',
      unit,
      moveInDate: `2026-11-${String(index + 1).padStart(2, '0')}`,
      source: { list: 'test', row: index + 2 },
      doNotVisit: index === units.length - 1,
    })),
  );
  households.push(...(await db().residents.listUnassigned(area.id)));
});

describe('visits (contract): opening', () => {
  it('when a household is handed out, then an open visit with an empty summary exists', async () => {
    const visit = await db().visits.open(resident(0).id, birgit.id, '2026-12');
    expect(visit).toMatchObject({
      areaId: area.id,
      residentId: resident(0).id,
      ambassadorId: birgit.id,
      assignmentMonth: '2026-12',
      status: 'open',
      attempts: [],
      outcome: null,
      folderLeft: null,
      note: null,
      noteBy: null,
      revisitDate: null,
    });
    expect(visit).not.toHaveProperty('isOpen');
  });

  it("when a visit is opened and changed, then its times are the store's clock, not the wall clock", async () => {
    // The first-visit deadline and "over fristen" count from createdAt against the injected now.
    const visit = await db().visits.open(resident(4).id, birgit.id, '2026-12');
    try {
      expect(visit.createdAt.toISOString()).toBe('2026-12-01T08:00:00.000Z');
      clock = new Date('2026-12-01T09:30:00.000Z');
      const changed = await db().visits.recordAttempt(visit.id, {
        outcome: 'not_home',
        folderLeft: true,
      });
      expect(changed.createdAt.toISOString()).toBe('2026-12-01T08:00:00.000Z');
      expect(changed.updatedAt.toISOString()).toBe('2026-12-01T09:30:00.000Z');
    } finally {
      await db().visits.close(visit.id, 'moved');
      clock = new Date('2026-12-01T08:00:00.000Z');
    }
  });

  it('when the same household is handed out again, even to someone else, then CONFLICT', async () => {
    await expect(db().visits.open(resident(0).id, ahmed.id, '2026-12')).rejects.toMatchObject({
      name: 'NaboError',
      code: 'CONFLICT',
    });
  });

  it('when two hand-outs of one household race, then exactly one wins', async () => {
    const results = await Promise.allSettled([
      db().visits.open(resident(1).id, birgit.id, '2026-12'),
      db().visits.open(resident(1).id, ahmed.id, '2026-12'),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toMatchObject({ code: 'CONFLICT' });
  });

  it('when the earlier visit is closed, then the household can be visited again', async () => {
    const first = await db().visits.open(resident(2).id, birgit.id, '2026-12');
    await db().visits.close(first.id, 'moved');
    const second = await db().visits.open(resident(2).id, ahmed.id, '2027-01');
    expect(second.status).toBe('open');
  });

  it('when the household is unknown, the month malformed or the ambassador id bad, then typed errors', async () => {
    await expect(
      db().visits.open('65f0000000000000000000ff', birgit.id, '2026-12'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(db().visits.open(resident(3).id, birgit.id, '2026-13')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(db().visits.open(resident(3).id, 'birgit', '2026-12')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('visits (contract): do not visit', () => {
  it('when a household is marked do-not-visit, then opening a visit is FORBIDDEN', async () => {
    // listUnassigned never offers it, so fetch its id the way an operator tool would: raw.
    const client = await MongoClient.connect(db.uri());
    try {
      const marked = await client
        .db(db.dbName())
        .collection('residents')
        .findOne({ areaId: new ObjectId(area.id), doNotVisit: true });
      expect(marked).not.toBeNull();
      await expect(
        db().visits.open(marked!._id.toHexString(), birgit.id, '2026-12'),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await client.close();
    }
  });
});

describe('visits (contract): attempts at the door', () => {
  it('when attempts are recorded, then the summary follows the latest and keeps the folder and note', async () => {
    const visit = await db().visits.open(resident(3).id, birgit.id, '2026-12');
    const first = await db().visits.recordAttempt(visit.id, {
      outcome: 'not_home',
      folderLeft: true,
      note: 'Ring efter kl. 16',
      noteBy: birgit.id,
      revisitDate: '2026-12-04',
    });
    expect(first.attempts).toEqual([
      {
        at: clock,
        outcome: 'not_home',
        folderLeft: true,
        note: 'Ring efter kl. 16',
        noteBy: birgit.id,
        revisitDate: '2026-12-04',
      },
    ]);
    expect(first).toMatchObject({
      outcome: 'not_home',
      folderLeft: true,
      note: 'Ring efter kl. 16',
      noteBy: birgit.id,
      revisitDate: '2026-12-04',
      status: 'open',
    });

    const at = new Date('2026-12-04T15:30:00.000Z');
    const second = await db().visits.recordAttempt(visit.id, { at, outcome: 'met' });
    expect(second.attempts).toHaveLength(2);
    expect(second.attempts[1]).toEqual({ at, outcome: 'met', folderLeft: null });
    expect(second).toMatchObject({
      outcome: 'met',
      folderLeft: true,
      note: 'Ring efter kl. 16',
      revisitDate: null,
    });
  });

  it('when two reports of one visit race, then both attempts are kept', async () => {
    const visit = await db().visits.open(resident(4).id, ahmed.id, '2026-12');
    await Promise.all([
      db().visits.recordAttempt(visit.id, { outcome: 'not_home', folderLeft: false }),
      db().visits.recordAttempt(visit.id, { outcome: 'not_home', folderLeft: true }),
    ]);
    const [stored] = (await db().visits.listOpenForAmbassador(ahmed.id)).filter(
      (candidate) => candidate.id === visit.id,
    );
    expect(stored?.attempts).toHaveLength(2);
    expect(stored?.folderLeft).toBe(true);
  });

  it('when the last attempt is undone, then it goes and the summary is recomputed', async () => {
    const visit = await db().visits.open(resident(5).id, birgit.id, '2026-12');
    await db().visits.recordAttempt(visit.id, {
      outcome: 'not_home',
      folderLeft: false,
      revisitDate: '2026-12-05',
    });
    await db().visits.recordAttempt(visit.id, {
      outcome: 'declined',
      folderLeft: true,
      note: 'wrong door',
      noteBy: birgit.id,
    });
    const undone = await db().visits.undoLastAttempt(visit.id);
    expect(undone.attempts).toHaveLength(1);
    expect(undone).toMatchObject({
      outcome: 'not_home',
      folderLeft: false,
      note: null,
      noteBy: null,
      revisitDate: '2026-12-05',
      status: 'open',
    });
    const empty = await db().visits.undoLastAttempt(visit.id);
    expect(empty).toMatchObject({ attempts: [], outcome: null, folderLeft: null });
    await expect(db().visits.undoLastAttempt(visit.id)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('when a report that closed the visit is undone, then the visit is open again', async () => {
    const visit = await db().visits.open(resident(6).id, birgit.id, '2026-12');
    await db().visits.recordAttempt(visit.id, { outcome: 'met', folderLeft: true });
    const closed = await db().visits.close(visit.id, 'met');
    expect(closed).toMatchObject({ status: 'closed', closingReason: 'met', closedAt: clock });
    const reopened = await db().visits.undoLastAttempt(visit.id);
    expect(reopened.status).toBe('open');
    expect(reopened.attempts).toEqual([]);
    expect(reopened).not.toHaveProperty('closingReason');
    expect(reopened).not.toHaveProperty('closedAt');
    // Reopened means it holds the household's one open slot again.
    await expect(db().visits.open(resident(6).id, ahmed.id, '2026-12')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('when reopening would make a second open visit of the household, then CONFLICT', async () => {
    // resident(2): Birgit's visit closed as moved, Ahmed's visit open since.
    const current = (await db().visits.listOpenForAmbassador(ahmed.id)).find(
      (visit) => visit.residentId === resident(2).id,
    );
    await db().visits.recordAttempt(current!.id, { outcome: 'moved', folderLeft: false });
    await db().visits.close(current!.id, 'moved');
    const next = await db().visits.open(resident(2).id, birgit.id, '2027-02');
    await expect(db().visits.undoLastAttempt(current!.id)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const stillOpen = await db().visits.listByArea(area.id, { status: 'open' });
    expect(
      stillOpen.filter((visit) => visit.residentId === resident(2).id).map((v) => v.id),
    ).toEqual([next.id]);
  });

  it('when the visit was closed as erased, then its attempts cannot be undone', async () => {
    // resident(5): Birgit's visit, left open with no attempts by the undo test above.
    const target = (await db().visits.listOpenForAmbassador(birgit.id)).find(
      (candidate) => candidate.residentId === resident(5).id,
    )!;
    await db().visits.recordAttempt(target.id, { outcome: 'not_home', folderLeft: true });
    await db().visits.close(target.id, 'erased');
    await expect(db().visits.undoLastAttempt(target.id)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('when a visit is closed, then more attempts and a second close are CONFLICT', async () => {
    const open = await db().visits.listOpenForAmbassador(ahmed.id);
    const visit = open.find((candidate) => candidate.residentId === resident(4).id)!;
    await db().visits.close(visit.id, 'folder_delivered_not_met');
    await expect(
      db().visits.recordAttempt(visit.id, { outcome: 'met', folderLeft: true }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(db().visits.close(visit.id, 'met')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('when the visit is unknown or the input nonsense, then NOT_FOUND or INVALID_INPUT', async () => {
    const unknown = '65f0000000000000000000ff';
    await expect(
      db().visits.recordAttempt(unknown, { outcome: 'met', folderLeft: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(db().visits.undoLastAttempt('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(db().visits.close(unknown, 'met')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [open] = await db().visits.listOpenForAmbassador(birgit.id);
    await expect(
      db().visits.recordAttempt(open!.id, {
        outcome: 'met',
        folderLeft: true,
        revisitDate: '5/12',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(db().visits.close(open!.id, 'because' as 'met')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('visits (contract): lists', () => {
  it('when an ambassador asks for open visits, then they come with the household to find the door', async () => {
    clock = new Date('2026-12-02T08:00:00.000Z');
    const open = await db().visits.listOpenForAmbassador(birgit.id);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((visit) => visit.status === 'open' && visit.ambassadorId === birgit.id)).toBe(
      true,
    );
    const ove = open.find((visit) => visit.residentId === resident(0).id);
    expect(ove?.resident).toEqual({
      id: resident(0).id,
      names: ['Household 0'],
      address: 'Gudrunsvej 10',
      unit: '1. th',
      moveInDate: new Date('2026-11-01T00:00:00.000Z'),
      languageHints: [],
    });
    const months = open.map((visit) => visit.assignmentMonth);
    expect(months).toEqual([...months].sort());
  });

  it('when listing an area by status, then only those visits come back', async () => {
    const all = await db().visits.listByArea(area.id);
    const open = await db().visits.listByArea(area.id, { status: 'open' });
    const closed = await db().visits.listByArea(area.id, { status: 'closed' });
    expect(open.length + closed.length).toBe(all.length);
    expect(open.every((visit) => visit.status === 'open')).toBe(true);
    expect(closed.every((visit) => visit.status === 'closed' && visit.closedAt)).toBe(true);
    expect(closed.length).toBeGreaterThan(0);
  });

  it('when a visit is looked up by id, then it comes with its household; unknown ids give null', async () => {
    const [listed] = await db().visits.listByArea(area.id, { status: 'closed' });
    expect(await db().visits.findById(listed!.id)).toEqual(listed);
    expect(await db().visits.findById('65f0000000000000000000ff')).toBeNull();
    expect(await db().visits.findById('nope')).toBeNull();
  });

  it("when an ambassador's closed visits are asked for, then the latest closed come first, as many as asked", async () => {
    const closed = await db().visits.listRecentlyClosedForAmbassador(birgit.id, 10);
    expect(closed.length).toBeGreaterThan(0);
    expect(
      closed.every((visit) => visit.status === 'closed' && visit.ambassadorId === birgit.id),
    ).toBe(true);
    const times = closed.map((visit) => visit.closedAt?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(await db().visits.listRecentlyClosedForAmbassador(birgit.id, 1)).toHaveLength(1);
    expect(await db().visits.listRecentlyClosedForAmbassador('nope', 5)).toEqual([]);
  });

  it('when the ambassador or area is unknown, then empty lists', async () => {
    expect(await db().visits.listOpenForAmbassador('65f0000000000000000000ff')).toEqual([]);
    expect(await db().visits.listByArea('nope')).toEqual([]);
  });
});

describe('visits (contract): reminders noted', () => {
  it('when Nabo reminds the ambassador of an open visit, then the visit keeps the moment; a closed visit and nonsense ids are left alone', async () => {
    const [open] = await db().visits.listOpenForAmbassador(birgit.id);
    const [closed] = await db().visits.listByArea(area.id, { status: 'closed' });
    expect(open?.promptedAt).toBeUndefined();

    await db().visits.markPrompted(open!.id, new Date('2026-12-02T09:00:00.000Z'));
    expect((await db().visits.findById(open!.id))?.promptedAt).toEqual(
      new Date('2026-12-02T09:00:00.000Z'),
    );
    clock = new Date('2026-12-03T07:30:00.000Z');
    await db().visits.markPrompted(open!.id);
    expect((await db().visits.findById(open!.id))?.promptedAt).toEqual(clock);

    await db().visits.markPrompted(closed!.id, clock);
    expect((await db().visits.findById(closed!.id))?.promptedAt).toBeUndefined();
    await expect(db().visits.markPrompted('nope')).resolves.toBeUndefined();
  });
});
