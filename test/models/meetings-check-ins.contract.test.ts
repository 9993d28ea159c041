import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

/** The repository methods meetings and check-ins run on: conditional updates, one answer per question. */
const db = useTestDatabase();

describe('meetings (contract): running one', () => {
  it('when two updates expect the same current item, then only the first applies', async () => {
    const { area } = await createEstate(db());
    const meeting = await db().meetings.create({
      areaId: area.id,
      title: 'Netværksmøde',
      startsAt: new Date('2026-12-12T16:00:00Z'),
      status: 'running',
      items: [
        { title: 'Velkommen', timeboxMinutes: 5 },
        { title: 'Evt.', timeboxMinutes: 10 },
      ],
    });
    await db().meetings.update(meeting.id, { currentItem: 0 });
    const first = await db().meetings.update(meeting.id, { currentItem: 1 }, { currentItem: 0 });
    const second = await db().meetings.update(meeting.id, { currentItem: 2 }, { currentItem: 0 });
    expect(first?.currentItem).toBe(1);
    expect(second).toBeNull();
    const cleared = await db().meetings.update(meeting.id, {
      currentItem: null,
      status: 'finished',
    });
    expect(cleared?.currentItem).toBeUndefined();
    expect(await db().meetings.listByStatus(['finished'])).toEqual([cleared]);
  });

  it('when a proposal and an action item are added, then they read back; a planned meeting is no draft to remove', async () => {
    const { area } = await createEstate(db());
    const coordinator = await db().people.add({
      name: 'Mette',
      roles: [{ areaId: area.id, role: 'coordinator' }],
    });
    const meeting = await db().meetings.create({
      areaId: area.id,
      title: 'Netværksmøde',
      startsAt: new Date('2026-12-12T16:00:00Z'),
      status: 'planned',
      coordinatorId: coordinator.id,
    });
    const at = new Date('2026-12-01T10:00:00Z');
    await db().meetings.addProposal(meeting.id, {
      id: 'p1',
      title: 'Affald',
      timeboxMinutes: 15,
      proposedBy: coordinator.id,
      status: 'pending',
      at,
    });
    const updated = await db().meetings.addActionItem(meeting.id, {
      text: 'Ring til varmemesteren',
      owner: coordinator.id,
      due: new Date('2026-12-18T00:00:00Z'),
      done: false,
    });
    expect(updated?.proposals).toEqual([
      {
        id: 'p1',
        title: 'Affald',
        timeboxMinutes: 15,
        proposedBy: coordinator.id,
        status: 'pending',
        at,
      },
    ]);
    expect(updated?.actionItems[0]).toMatchObject({
      text: 'Ring til varmemesteren',
      owner: coordinator.id,
    });
    expect(updated?.coordinatorId).toBe(coordinator.id);
    expect(await db().meetings.removeDraft(meeting.id)).toBe(false);
  });
});

describe('check-ins (contract): answers', () => {
  it('when the same question is answered twice, then it counts once; the last answer closes it', async () => {
    const { area, ambassador } = await createEstate(db());
    const birgit = await ambassador('Birgit', `birgit-contract-${Date.now()}`);
    const checkIn = await db().checkIns.create({
      personId: birgit.id,
      areaId: area.id,
      due: new Date(),
    });
    await db().checkIns.update(checkIn.id, { step: 'mood' });
    const at = new Date('2026-11-27T10:00:00Z');
    const once = await db().checkIns.answer(checkIn.id, {
      key: 'mood',
      answer: '2',
      nextStep: 'talk',
      at,
      score: 2,
      flag: 'low_score',
    });
    const twice = await db().checkIns.answer(checkIn.id, {
      key: 'mood',
      answer: '5',
      nextStep: 'talk',
      at,
    });
    expect(once).toMatchObject({ step: 'talk', score: 2, flags: ['low_score'], followUp: true });
    expect(twice).toBeNull();
    const done = await db().checkIns.answer(checkIn.id, {
      key: 'talk',
      answer: 'no',
      nextStep: null,
      at,
    });
    expect(done).toMatchObject({ status: 'answered', answeredAt: at });
    expect(done?.step).toBeUndefined();
    expect(await db().checkIns.findPendingForPerson(birgit.id)).toBeNull();
    expect((await db().checkIns.listForPerson(birgit.id)).map((entry) => entry.id)).toEqual([
      checkIn.id,
    ]);
  });
});
