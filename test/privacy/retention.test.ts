import { ObjectId } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyRetention } from '../../src/privacy/apply-retention.js';
import { monthlyFigures } from '../../src/privacy/area-report.js';
import { planAreaRetention } from '../../src/privacy/retention-plan.js';
import { DEFAULT_RETENTION, retentionFor } from '../../src/privacy/retention-settings.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { emptyCollections, standOn, uniqueHandle, withRawDb } from './support/privacy-harness.js';

const db = useTestDatabase();

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  await emptyCollections(db);
});
afterEach(() => vi.useRealTimers());

const OVE = { names: ['Ove Christensen'], address: 'Gudrunsvej 10', unit: '1. th' };
const NOTE = 'vil gerne med i madklubben';

/** A household visited and met in January 2026, with a note. */
async function metInJanuary(settings = {}) {
  standOn('2026-01-10T10:00:00Z');
  const estate = await createEstate(db(), settings);
  const ambassador = await estate.ambassador('Birgit Sørensen', uniqueHandle());
  const [resident] = await estate.assign(
    ambassador,
    [{ ...OVE, moveInDate: '2026-01-02' }],
    '2026-01',
  );
  const [visit] = await db().privacy.visitFactsOfResident(resident!.id);
  await db().visits.recordAttempt(visit!.id, {
    outcome: 'met',
    folderLeft: true,
    note: NOTE,
    noteBy: ambassador.id,
  });
  await db().visits.close(visit!.id, 'met');
  return { estate, ambassador, resident: resident!, visitId: visit!.id };
}

const run = () => applyRetention(db(), new Date());

describe('deletion deadlines (defaults)', () => {
  it('when a visit closed less than 3 months ago, then its note stays; after 3 months it is deleted', async () => {
    const { visitId } = await metInJanuary();

    standOn('2026-04-09T10:00:00Z');
    expect((await run()).visitNotesDeleted).toBe(0);
    expect((await db().visits.findById(visitId))?.note).toBe(NOTE);

    standOn('2026-04-11T10:00:00Z');
    const counts = await run();

    expect(counts).toMatchObject({ visitNotesDeleted: 1, householdsAnonymised: 0 });
    const visit = await db().visits.findById(visitId);
    expect(visit).toMatchObject({ note: null, noteBy: null, outcome: 'met', folderLeft: true });
    expect(visit?.attempts.every((attempt) => attempt.note === undefined)).toBe(true);
    expect(visit?.resident.names).toEqual(['Ove Christensen']);
  });

  it('when the visit closed 6 months ago, then the household is anonymised and the report figures are unchanged', async () => {
    const { estate, resident, visitId } = await metInJanuary();
    const figuresBefore = await monthlyFigures(db(), estate.area);

    standOn('2026-07-09T10:00:00Z');
    expect((await run()).householdsAnonymised).toBe(0);

    standOn('2026-07-11T10:00:00Z');
    const counts = await run();

    expect(counts.householdsAnonymised).toBe(1);
    const stored = await db().residents.findById(resident.id);
    expect(stored).toMatchObject({
      names: [],
      address: '',
      unit: '',
      doNotVisit: true,
      areaId: estate.area.id,
      anonymisedAt: new Date('2026-07-11T10:00:00Z'),
    });
    expect(stored?.erasedAt).toBeUndefined();
    // Month precision is kept for the reports; the exact day is not.
    expect(stored?.moveInDate.toISOString().slice(0, 10)).toBe('2026-01-01');
    expect(await db().visits.findById(visitId)).toMatchObject({
      outcome: 'met',
      closingReason: 'met',
      assignmentMonth: '2026-01',
    });
    expect(await monthlyFigures(db(), estate.area)).toEqual(figuresBefore);
    await withRawDb(db, async (raw) => {
      const document = JSON.stringify(await raw.collection('residents').findOne({}));
      expect(document).not.toMatch(/\bove\b|christensen|gudrunsvej|1\. th/i);
    });
  });

  it('when retention runs again, then nothing is counted twice', async () => {
    await metInJanuary();
    standOn('2026-08-01T10:00:00Z');
    await run();

    const again = await run();

    expect(Object.values(again).every((count) => count === 0)).toBe(true);
  });

  it('when a household was never visited, then it is anonymised 12 months after move-in, not before', async () => {
    standOn('2025-01-05T10:00:00Z');
    const estate = await createEstate(db());
    await db().residents.importMany(estate.area.id, [
      { ...OVE, moveInDate: '2025-01-01', source: { list: 'jan.csv', row: 2 } },
    ]);
    const [waiting] = await db().residents.listUnassigned(estate.area.id);

    standOn('2026-01-04T10:00:00Z');
    expect((await run()).householdsAnonymised).toBe(0);
    standOn('2026-01-06T10:00:00Z');
    expect((await run()).householdsAnonymised).toBe(1);
    expect((await db().residents.findById(waiting!.id))?.names).toEqual([]);
  });

  it('when a household was imported long after it moved in, then its year counts from the import', async () => {
    standOn('2026-03-01T10:00:00Z');
    const estate = await createEstate(db());
    await db().residents.importMany(estate.area.id, [
      { ...OVE, moveInDate: '2024-06-01', source: { list: 'late.csv', row: 2 } },
    ]);

    standOn('2026-06-01T10:00:00Z');
    expect((await run()).householdsAnonymised).toBe(0);
    standOn('2027-03-02T10:00:00Z');
    expect((await run()).householdsAnonymised).toBe(1);
  });

  it('when a closed visit lacks closedAt, then its last change stands in and it is not kept forever', async () => {
    const { resident, visitId } = await metInJanuary();
    await withRawDb(db, async (raw) => {
      await raw
        .collection('visits')
        .updateOne(
          { _id: new ObjectId(visitId) },
          { $unset: { closedAt: 1 }, $set: { updatedAt: new Date('2026-01-10T10:00:00Z') } },
        );
    });

    standOn('2026-07-11T10:00:00Z');
    const counts = await run();

    expect(counts).toMatchObject({ householdsAnonymised: 1, visitNotesDeleted: 1 });
    expect((await db().residents.findById(resident.id))?.anonymisedAt).toBeInstanceOf(Date);
  });

  it('when an open visit has not been touched for 12 months, then it is closed as not reached and the household follows 6 months later', async () => {
    standOn('2025-01-10T10:00:00Z');
    const estate = await createEstate(db());
    const ambassador = await estate.ambassador('Birgit Sørensen', uniqueHandle());
    const [resident] = await estate.assign(ambassador, [OVE], '2025-01');

    standOn('2026-01-09T10:00:00Z');
    expect((await run()).staleVisitsClosed).toBe(0);
    standOn('2026-01-11T10:00:00Z');
    const counts = await run();

    expect(counts).toMatchObject({ staleVisitsClosed: 1, householdsAnonymised: 0 });
    const [visit] = await db().privacy.visitFactsOfResident(resident!.id);
    expect(visit).toMatchObject({ status: 'closed', closingReason: 'not_reached' });
    standOn('2026-07-12T10:00:00Z');
    expect((await run()).householdsAnonymised).toBe(1);
  });

  it('when a check-in was answered (or, unanswered, due) 12 months ago, then it is deleted', async () => {
    standOn('2025-02-01T10:00:00Z');
    const estate = await createEstate(db());
    const ambassador = await estate.ambassador('Birgit Sørensen', uniqueHandle());
    const answered = await db().checkIns.create({
      personId: ambassador.id,
      areaId: estate.area.id,
      due: new Date('2025-01-01T09:00:00Z'),
    });
    const unanswered = await db().checkIns.create({
      personId: ambassador.id,
      areaId: estate.area.id,
      due: new Date('2025-03-01T09:00:00Z'),
    });
    await withRawDb(db, async (raw) => {
      await raw.collection('checkins').updateOne(
        { _id: new ObjectId(answered.id) },
        {
          $set: {
            status: 'answered',
            answeredAt: new Date('2025-02-10T09:00:00Z'),
            answers: [{ key: 'mood', answer: 'træt af trappevasken' }],
          },
        },
      );
    });

    standOn('2026-02-09T10:00:00Z');
    expect((await run()).checkInsDeleted).toBe(0);
    standOn('2026-02-11T10:00:00Z');
    expect((await run()).checkInsDeleted).toBe(1);
    expect(await db().checkIns.findById(answered.id)).toBeNull();
    expect(await db().checkIns.findById(unanswered.id)).not.toBeNull();
    standOn('2026-03-02T10:00:00Z');
    expect((await run()).checkInsDeleted).toBe(1);
  });

  it('when a follow-up was closed 3 months ago, then it is deleted; an open one goes 3 months after it was made', async () => {
    const { estate, ambassador, visitId } = await metInJanuary();
    const { followUp: closed } = await db().followUps.create({
      areaId: estate.area.id,
      visitId,
      kind: 'problem',
      topic: 'lyset',
      createdBy: ambassador.id,
    });
    await db().followUps.close(closed.id, ambassador.id, new Date('2026-01-20T10:00:00Z'));
    standOn('2026-02-01T10:00:00Z');
    const { followUp: open } = await db().followUps.create({
      areaId: estate.area.id,
      visitId,
      kind: 'interest',
      topic: 'madklub',
      createdBy: ambassador.id,
    });

    standOn('2026-04-19T10:00:00Z');
    expect((await run()).followUpsDeleted).toBe(0);
    standOn('2026-04-21T10:00:00Z');
    expect((await run()).followUpsDeleted).toBe(1);
    expect(await db().followUps.findById(closed.id)).toBeNull();
    expect(await db().followUps.findById(open.id)).not.toBeNull();
    standOn('2026-05-02T10:00:00Z');
    expect((await run()).followUpsDeleted).toBe(1);
    expect(await db().followUps.findById(open.id)).toBeNull();
  });

  it('when a conversation state is 7 days old, then it is deleted even if its own expiry is later', async () => {
    standOn('2026-05-01T10:00:00Z');
    const estate = await createEstate(db());
    const ambassador = await estate.ambassador('Birgit Sørensen', uniqueHandle());
    await db().conversationStates.save({
      personId: ambassador.id,
      conversationKey: 'console:x',
      flow: 'report',
      step: 'household',
      data: { note: NOTE },
      ttlSeconds: 30 * 24 * 3600,
    });

    standOn('2026-05-07T10:00:00Z');
    expect((await run()).conversationStatesDeleted).toBe(0);
    standOn('2026-05-08T10:00:01Z');
    expect((await run()).conversationStatesDeleted).toBe(1);
    expect(await db().conversationStates.get(ambassador.id, 'console:x')).toBeNull();
  });

  it('when a processed event id is a day old, then it is forgotten', async () => {
    standOn('2026-05-01T10:00:00Z');
    await db().processedEvents.markProcessed('evt-1');

    standOn('2026-05-02T10:00:01Z');
    const counts = await run();

    // The TTL index may have removed it first; either way it is gone and counted at most once.
    expect(counts.processedEventsDeleted).toBeLessThanOrEqual(1);
    expect(await db().processedEvents.markProcessed('evt-1')).toBe(true);
  });

  it('when an audit entry is 24 months old, then it is deleted; a younger one stays', async () => {
    standOn('2024-05-01T10:00:00Z');
    await db().auditEvents.record({
      action: 'visits.listed',
      subjectType: 'resident',
      subjectId: 'r-old',
      platform: 'slack',
    });
    standOn('2024-06-01T10:00:00Z');
    await db().auditEvents.record({
      action: 'visits.listed',
      subjectType: 'resident',
      subjectId: 'r-young',
      platform: 'slack',
    });

    standOn('2026-05-02T10:00:00Z');
    const counts = await run();

    expect(counts.auditEventsDeleted).toBe(1);
    expect(await db().auditEvents.listForSubject('resident', 'r-old')).toEqual([]);
    expect(await db().auditEvents.listForSubject('resident', 'r-young')).toHaveLength(1);
  });

  it('when the run removed something in an area, then the audit trail says how much, in numbers only', async () => {
    const { estate } = await metInJanuary();
    standOn('2026-08-01T10:00:00Z');
    await run();

    const [event] = await db().auditEvents.listForSubject('area', estate.area.id);
    expect(event).toMatchObject({
      action: 'retention.applied',
      platform: 'system',
      details: { householdsAnonymised: 1, visitNotesDeleted: 1 },
    });
    expect(JSON.stringify(event)).not.toContain(NOTE);
  });
});

describe("an area's own deadlines", () => {
  it('when an area keeps notes only 1 month, then they go after 1 month there', async () => {
    const { estate, visitId } = await metInJanuary();
    await db().privacy.setAreaRetention(estate.area.id, { visitNotesMonths: 1 });
    const area = await db().areas.findById(estate.area.id);
    expect(retentionFor(area!)).toEqual({ ...DEFAULT_RETENTION, visitNotesMonths: 1 });

    standOn('2026-02-11T10:00:00Z');
    expect((await run()).visitNotesDeleted).toBe(1);
    expect((await db().visits.findById(visitId))?.note).toBeNull();
  });

  it('when a deadline is not a whole number of months, then INVALID_INPUT', async () => {
    const estate = await createEstate(db());
    await expect(
      db().privacy.setAreaRetention(estate.area.id, { householdMonths: 0 }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('the plan (pure)', () => {
  const now = new Date('2026-07-11T00:00:00Z');
  const base = {
    areaId: 'a',
    ambassadorId: 'p',
    assignmentMonth: '2026-01',
    outcome: null,
    folderLeft: null,
    closingReason: null,
    createdAt: null,
    updatedAt: null,
    closedAt: null,
    noteCount: 0,
  };

  it('when a visit has no date at all, then it counts as long past and nothing is kept for ever', () => {
    const plan = planAreaRetention({
      residents: [
        { id: 'r1', areaId: 'a', moveInDate: null, createdAt: null, anonymisedAt: null },
        { id: 'r2', areaId: 'a', moveInDate: null, createdAt: null, anonymisedAt: null },
      ],
      visits: [{ ...base, id: 'v1', residentId: 'r1', status: 'closed', noteCount: 2 }],
      settings: DEFAULT_RETENTION,
      now,
      zone: 'Europe/Copenhagen',
    });
    expect(plan).toEqual({ closeStaleVisits: [], deleteNotesOf: ['v1'], anonymise: ['r1', 'r2'] });
  });

  it('when a household still has an open visit, then it is kept', () => {
    const plan = planAreaRetention({
      residents: [{ id: 'r1', areaId: 'a', moveInDate: null, createdAt: null, anonymisedAt: null }],
      visits: [
        { ...base, id: 'v1', residentId: 'r1', status: 'closed' },
        { ...base, id: 'v2', residentId: 'r1', status: 'open', updatedAt: now },
      ],
      settings: DEFAULT_RETENTION,
      now,
      zone: 'Europe/Copenhagen',
    });
    expect(plan.anonymise).toEqual([]);
  });
});
