import { beforeAll, describe, expect, it } from 'vitest';
import type { Area, Person } from '../../models/types.js';
import { useTestDatabase } from '../support/database.js';

let clock = new Date('2026-12-01T08:00:00.000Z');
const db = useTestDatabase({ now: () => clock });
let area: Area;
let mette: Person;
let birgit: Person;

beforeAll(async () => {
  area = await db().areas.create({ key: 'gellerup', name: 'Gellerup' });
  mette = await db().people.add({
    name: 'Mette Holm',
    roles: [{ areaId: area.id, role: 'coordinator' }],
  });
  birgit = await db().people.add({
    name: 'Birgit Sørensen',
    roles: [{ areaId: area.id, role: 'ambassador' }],
  });
});

describe('audit events (contract)', () => {
  it('when events are recorded, then they list for their subject oldest first', async () => {
    const first = await db().auditEvents.record({
      actorId: mette.id,
      action: 'residents.imported',
      subjectType: 'area',
      subjectId: area.id,
      platform: 'cli',
      details: { inserted: 10, skipped: 0, errors: 1 },
    });
    expect(first).toMatchObject({
      at: clock,
      actorId: mette.id,
      action: 'residents.imported',
      subjectType: 'area',
      subjectId: area.id,
      platform: 'cli',
      details: { inserted: 10, skipped: 0, errors: 1 },
    });
    clock = new Date('2026-12-01T09:00:00.000Z');
    await db().auditEvents.record({
      action: 'assignments.sent',
      subjectType: 'area',
      subjectId: area.id,
      platform: 'system',
      details: { personIds: [birgit.id] },
    });
    await db().auditEvents.record({
      action: 'person.paused',
      subjectType: 'person',
      subjectId: birgit.id,
      platform: 'slack',
    });
    const forArea = await db().auditEvents.listForSubject('area', area.id);
    expect(forArea.map((event) => event.action)).toEqual([
      'residents.imported',
      'assignments.sent',
    ]);
    expect(forArea[1]).not.toHaveProperty('actorId');
    const forBirgit = await db().auditEvents.listForSubject('person', birgit.id);
    expect(forBirgit).toHaveLength(1);
    expect(forBirgit[0]?.details).toEqual({});
  });

  it('when the subject type is unknown to the store, then INVALID_INPUT', async () => {
    await expect(
      db().auditEvents.record({
        action: 'x',
        subjectType: 'household' as 'resident',
        subjectId: 'r1',
        platform: 'cli',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('meetings (contract)', () => {
  it('when a network meeting is planned with an agenda, then it reads back as planned', async () => {
    const startsAt = new Date('2026-12-10T16:00:00.000Z');
    const meeting = await db().meetings.create({
      areaId: area.id,
      title: 'Netværksmøde december',
      startsAt,
      plannedMinutes: 90,
      status: 'planned',
      items: [
        { title: 'Velkomst', timeboxMinutes: 10, owner: mette.id },
        { title: 'Runde: besøg siden sidst', timeboxMinutes: 30 },
      ],
    });
    expect(meeting).toMatchObject({
      areaId: area.id,
      title: 'Netværksmøde december',
      startsAt,
      plannedMinutes: 90,
      status: 'planned',
      items: [
        { title: 'Velkomst', timeboxMinutes: 10, owner: mette.id, status: 'pending' },
        { title: 'Runde: besøg siden sidst', timeboxMinutes: 30, status: 'pending' },
      ],
      actionItems: [],
    });
    expect(await db().meetings.findById(meeting.id)).toEqual(meeting);
  });

  it('when listing an area, then meetings come by start time; a draft is the default', async () => {
    const earlier = await db().meetings.create({
      areaId: area.id,
      title: 'Kursus: kulturforskelle',
      startsAt: new Date('2026-12-03T16:00:00.000Z'),
    });
    expect(earlier.status).toBe('draft');
    const titles = (await db().meetings.listByArea(area.id)).map((meeting) => meeting.title);
    expect(titles).toEqual(['Kursus: kulturforskelle', 'Netværksmøde december']);
    expect(await db().meetings.findById('nope')).toBeNull();
  });

  it('when an agenda item has no timebox, then INVALID_INPUT', async () => {
    await expect(
      db().meetings.create({
        areaId: area.id,
        title: 'x',
        startsAt: new Date(),
        items: [{ title: 'Eventually', timeboxMinutes: 0 }],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('check-ins (contract)', () => {
  it('when a check-in is planned, then it is pending with no answers and lists by due date', async () => {
    const later = await db().checkIns.create({
      personId: birgit.id,
      areaId: area.id,
      due: new Date('2027-01-12T09:00:00.000Z'),
    });
    expect(later).toMatchObject({
      personId: birgit.id,
      areaId: area.id,
      status: 'pending',
      answers: [],
      followUp: false,
    });
    expect(later).not.toHaveProperty('score');
    const sooner = await db().checkIns.create({
      personId: mette.id,
      areaId: area.id,
      due: new Date('2026-12-15T09:00:00.000Z'),
    });
    expect((await db().checkIns.listByArea(area.id)).map((checkIn) => checkIn.id)).toEqual([
      sooner.id,
      later.id,
    ]);
    expect(await db().checkIns.findById(later.id)).toEqual(later);
    expect(await db().checkIns.findById('65f0000000000000000000ff')).toBeNull();
  });
});
