import { describe, expect, it } from 'vitest';
import type { Person, Resident } from '../../models/types.js';
import { assignHouseholds, type AssignmentInput } from '../../src/assignment/assign-households.js';

const AREA = 'a'.repeat(24);
const NOW = new Date('2026-12-01T08:00:00Z');
const AGREED = new Date('2026-01-01T00:00:00Z');

function person(id: string, extra: Partial<Person> = {}): Person {
  return {
    id,
    name: `Person ${id}`,
    roles: [{ areaId: AREA, role: 'ambassador' }],
    identities: [],
    languages: ['da'],
    monthlyCapacity: 3,
    status: { state: 'active' },
    volunteerAgreementAt: AGREED,
    confidentialityAt: AGREED,
    locale: 'da',
    createdAt: AGREED,
    updatedAt: AGREED,
    ...extra,
  };
}

function resident(id: string, extra: Partial<Resident> = {}): Resident {
  return {
    id,
    areaId: AREA,
    names: [`Resident ${id}`],
    address: `Vej ${id}`,
    unit: '',
    moveInDate: new Date('2026-11-15T00:00:00Z'),
    languageHints: [],
    source: { list: 'test', row: 1 },
    doNotVisit: false,
    createdAt: AGREED,
    updatedAt: AGREED,
    ...extra,
  };
}

function plan(input: Partial<AssignmentInput>) {
  return assignHouseholds({
    areaId: AREA,
    month: '2026-12',
    now: NOW,
    residents: [],
    people: [],
    openedThisMonth: new Map(),
    ...input,
  });
}

describe('assignHouseholds', () => {
  it('when the same input comes in another order, then the plan is the same', () => {
    const people = [person('p1'), person('p2'), person('p3', { languages: ['ar'] })];
    const residents = Array.from({ length: 7 }, (_, index) =>
      resident(`r${index}`, { languageHints: index % 2 ? ['ar'] : [] }),
    );
    const first = plan({ people, residents });
    const second = plan({ people: [...people].reverse(), residents: [...residents].reverse() });
    expect(second).toEqual(first);
    expect(first.assignments).toHaveLength(7);
  });

  it('when an ambassador lives in the same stairwell, then they get the household first', () => {
    const result = plan({
      people: [
        person('p1', { languages: ['ar'] }),
        person('p2', { block: 'B', stairwell: '3' }),
        person('p3', { block: 'B', stairwell: '4' }),
      ],
      residents: [resident('r1', { block: 'B', stairwell: '3', languageHints: ['ar'] })],
    });
    expect(result.assignments).toEqual([
      { residentId: 'r1', ambassadorId: 'p2', reason: 'stairwell' },
    ]);
  });

  it('when a stairwell name repeats in another block, then it does not count as the same stairwell', () => {
    const result = plan({
      people: [
        person('p1', { block: 'A', stairwell: '3' }),
        person('p2', { block: 'B', stairwell: '9' }),
      ],
      residents: [resident('r1', { block: 'B', stairwell: '3' })],
    });
    expect(result.assignments[0]).toMatchObject({ ambassadorId: 'p2', reason: 'block' });
  });

  it('when no one lives nearby, then a shared language decides before the load', () => {
    const result = plan({
      people: [person('p1'), person('p2', { languages: ['da', 'so'] })],
      residents: [resident('r1', { languageHints: ['so'] })],
      openedThisMonth: new Map([['p2', 2]]),
    });
    expect(result.assignments).toEqual([
      { residentId: 'r1', ambassadorId: 'p2', reason: 'language' },
    ]);
  });

  it('when nothing else decides, then the least loaded ambassador gets the household, ties by id', () => {
    const result = plan({
      people: [person('p2'), person('p1'), person('p3')],
      residents: [resident('r1'), resident('r2'), resident('r3'), resident('r4')],
      openedThisMonth: new Map([['p3', 1]]),
    });
    expect(result.assignments.map((entry) => entry.ambassadorId)).toEqual(['p1', 'p2', 'p1', 'p2']);
    expect(result.assignments.every((entry) => entry.reason === 'least_loaded')).toBe(true);
  });

  it('when capacity runs out, then nobody gets more than they can take and the rest says why', () => {
    const result = plan({
      people: [person('p1', { monthlyCapacity: 2 }), person('p2', { monthlyCapacity: 3 })],
      residents: Array.from({ length: 6 }, (_, index) => resident(`r${index}`)),
      openedThisMonth: new Map([['p2', 2]]),
    });
    const count = (id: string) =>
      result.assignments.filter((entry) => entry.ambassadorId === id).length;
    expect(count('p1')).toBe(2);
    expect(count('p2')).toBe(1);
    expect(result.unassigned).toEqual([
      { residentId: 'r3', reason: 'no_capacity' },
      { residentId: 'r4', reason: 'no_capacity' },
      { residentId: 'r5', reason: 'no_capacity' },
    ]);
  });

  it('when ambassadors are paused, have left or have not confirmed confidentiality, then they get nothing', () => {
    const result = plan({
      people: [
        person('p1', {
          status: { state: 'paused', pausedUntil: new Date('2027-01-01T00:00:00Z') },
        }),
        person('p2', { status: { state: 'left', leftReason: 'moved' } }),
        person('p3', { confidentialityAt: undefined }),
        person('p4', {
          status: { state: 'paused', pausedUntil: new Date('2026-11-01T00:00:00Z') },
        }),
      ],
      residents: [resident('r1'), resident('r2')],
    });
    expect(result.assignments.map((entry) => entry.ambassadorId)).toEqual(['p4', 'p4']);
    expect(result.excluded).toEqual([
      { personId: 'p1', reason: 'paused' },
      { personId: 'p2', reason: 'left' },
      { personId: 'p3', reason: 'no_confidentiality' },
    ]);
  });

  it('when a household is marked do-not-visit, then it is left out and counted', () => {
    const result = plan({
      people: [person('p1')],
      residents: [resident('r1', { doNotVisit: true }), resident('r2')],
    });
    expect(result.assignments.map((entry) => entry.residentId)).toEqual(['r2']);
    expect(result.unassigned).toEqual([]);
    expect(result.doNotVisit).toBe(1);
  });

  it('when there is no active ambassador, then households are unassigned for want of one', () => {
    const result = plan({
      people: [person('p1', { roles: [{ areaId: AREA, role: 'coordinator' }] })],
      residents: [resident('r1')],
    });
    expect(result.unassigned).toEqual([{ residentId: 'r1', reason: 'no_ambassador' }]);
  });

  it('when households moved in on different days, then the earliest is handed out first', () => {
    const result = plan({
      people: [person('p1', { monthlyCapacity: 1 })],
      residents: [
        resident('r1', { moveInDate: new Date('2026-11-20T00:00:00Z') }),
        resident('r2', { moveInDate: new Date('2026-11-02T00:00:00Z') }),
      ],
    });
    expect(result.assignments[0]?.residentId).toBe('r2');
  });
});
