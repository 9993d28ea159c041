import { describe, expect, it } from 'vitest';
import { readAddressParts, tokensOf } from '../../src/interpret/household-address.js';
import {
  compareName,
  NAME_EXACT,
  NAME_ONE_OFF,
  NAME_SPELLING,
  NAME_TWO_OFF,
  namePartsOf,
} from '../../src/interpret/household-names.js';
import {
  conversationFocus,
  readVisitReports,
  resolveHouseholds,
  type HouseholdCandidate,
} from '../../src/interpret/index.js';

/** An ambassador's open households: two at no. 10, two at no. 14, as in the demo. */
const BIRGIT: HouseholdCandidate[] = [
  { id: 'holm', names: ['Sara Holm', 'Mikkel Berg'], address: 'Gudrunsvej 14', unit: '2. th' },
  {
    id: 'christensen',
    names: ['Ove Christensen', 'Else Christensen'],
    address: 'Gudrunsvej 10',
    unit: '1. th',
  },
  { id: 'madsen', names: ['Jonas Madsen'], address: 'Gudrunsvej 10', unit: '3. tv' },
  { id: 'andersen', names: ['Kasper Andersen'], address: 'Gudrunsvej 14', unit: 'st. th' },
];
const now = new Date('2026-11-27T10:00:00+01:00');

function best(typed: string, name: string): number {
  return Math.max(...namePartsOf([name]).map((part) => compareName(typed, part, true)));
}

describe('a typed word against a name', () => {
  it.each([
    ['sorensen', 'Hanne Sørensen', NAME_EXACT],
    ['soerensen', 'Hanne Sørensen', NAME_EXACT],
    ['SØRENSEN', 'Hanne Sørensen', NAME_EXACT],
    ['Hansens', 'Lars Hansen', NAME_EXACT],
    ['Kristensen', 'Ove Christensen', NAME_SPELLING],
    ['Hanssen', 'Lars Hansen', NAME_SPELLING],
    ['Sarah', 'Sara Holm', NAME_SPELLING],
    ['Petersen', 'Mette Pedersen', NAME_ONE_OFF],
    ['madsn', 'Jonas Madsen', NAME_ONE_OFF],
    ['Christiansen', 'Ove Christensen', NAME_TWO_OFF],
    ['Al-Hassan', 'Fatima Al-Hassan', NAME_EXACT],
    ['hassan', 'Fatima Al-Hassan', NAME_EXACT],
  ])('when %j is compared with %j, then it scores %d', (typed, name, score) => {
    expect(best(typed, name)).toBe(score);
  });

  it.each([
    ['Jansen', 'Lars Hansen', 'a different first letter is no slip'],
    ['Ole', 'Ove Hansen', 'short names must be written right'],
    ['Jens', 'Peter Kristensen', 'another name'],
  ])('when %j is compared with %j, then it does not match (%s)', (typed, name) => {
    expect(best(typed, name)).toBe(0);
  });
});

describe('addresses as ambassadors write them', () => {
  const parts = (text: string) =>
    readAddressParts(tokensOf(text), { streets: ['gudrunsvej', 'laerkevej'] }).map((part) =>
      part.kind === 'unit'
        ? `unit ${part.unit.floor ?? '-'}/${part.unit.side ?? '-'}${part.unit.door ? `/${part.unit.door}` : ''}`
        : part.kind === 'number'
          ? `no ${part.value} (${part.cue})`
          : `street ${part.key}`,
    );

  it.each([
    ['nr 12 2 tv', ['no 12 (strong)', 'unit 2/tv']],
    ['12 2tv', ['no 12 (strong)', 'unit 2/tv']],
    ['stuen th på 8', ['unit st/th', 'no 8 (weak)']],
    ['st.th.', ['unit st/th']],
    ['3. sal tv', ['unit 3/tv']],
    ['Lærkevej 3 1tv', ['street laerkevej', 'no 3 (strong)', 'unit 1/tv']],
    ['Gudrunsvej 2 th', ['street gudrunsvej', 'no 2 (strong)', 'unit -/th']],
    ['nr 10 th', ['no 10 (strong)', 'unit -/th']],
    ['kælderen', ['unit kld/-']],
    ['første sal til venstre', ['unit 1/tv']],
    ['2nd floor left', ['unit 2/tv']],
    ['ground floor right', ['unit st/th']],
    ['t.h. på 1. sal', ['unit 1/-']],
    ['lejl. 12', ['unit -/-/12']],
    ['dør 3 tv', ['unit 3/tv']],
    ['gudrunsv. 14B', ['street gudrunsvej', 'no 14b (strong)']],
  ])('when the text is %j, then it reads %j', (text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each([
    'kl 14 ikke hjemme',
    'kl. 14',
    'd. 10 ikke hjemme',
    'kommer igen om 14 dage',
    'de har 2 børn',
    '14/12 ingen hjemme',
    '3. december',
  ])('when the text is %j, then no house number is read', (text) => {
    expect(parts(text).filter((part) => part.startsWith('no'))).toEqual([]);
  });
});

describe('resolving the household of a message', () => {
  it.each([
    ['mette var syg', 'not_on_list'],
    ['sara var syg', 'holm'],
    ['omar åbnede', 'not_on_list'],
    ['else åbnede', 'christensen'],
    ['nr 10 ikke hjemme', 'ask'],
    ['nr 10, 3 tv ikke hjemme', 'madsen'],
    ['Ove på 3. tv ikke hjemme', 'ask'],
    ['ikke hjemme hos Jens Christensen', 'not_on_list'],
    ['Gudrunsvej 10 1 tv', 'not_on_list'],
    ['the Andersens were out', 'andersen'],
    ['O.C. ikke hjemme', 'christensen'],
    ['O&E ikke hjemme', 'christensen'],
    ['S og M mødt', 'holm'],
    ['OVE IKKE HJEMME', 'christensen'],
    ['parret på 14 var ikke hjemme', 'holm'],
    ['14 th ikke hjemme', 'ask'],
  ])('when Birgit writes %j, then it is %s', (text, expected) => {
    const { resolution } = resolveHouseholds(text, BIRGIT);
    const got =
      resolution.kind === 'one'
        ? resolution.id
        : resolution.kind === 'several'
          ? 'several'
          : resolution.kind;
    expect(got).toBe(expected);
  });

  it('when two households fit about equally, then the question offers exactly those two', () => {
    expect(resolveHouseholds('nr 10 ikke hjemme', BIRGIT).resolution).toEqual({
      kind: 'ask',
      ids: ['christensen', 'madsen'],
    });
  });

  it('when the conversation is about one household, then a bare report and a close call go to it, but named words win', () => {
    const focus = { focus: 'madsen' };
    expect(resolveHouseholds('ikke hjemme igen', BIRGIT, focus).resolution).toEqual({
      kind: 'one',
      id: 'madsen',
      because: 'context',
    });
    expect(resolveHouseholds('nr 10 ikke hjemme', BIRGIT, focus).resolution).toMatchObject({
      kind: 'one',
      id: 'madsen',
    });
    expect(resolveHouseholds('sara var ikke hjemme', BIRGIT, focus).resolution).toMatchObject({
      kind: 'one',
      id: 'holm',
      because: 'words',
    });
    expect(
      resolveHouseholds('ikke hjemme hos Jens Madsen', BIRGIT, focus).resolution,
    ).toMatchObject({ kind: 'not_on_list', written: 'Jens Madsen' });
  });

  it('when only one household is open, then a message without words about it needs no question; contrary words still do', () => {
    const one = [BIRGIT[2]!];
    expect(resolveHouseholds('ikke hjemme', one).resolution).toEqual({
      kind: 'one',
      id: 'madsen',
      because: 'only_household',
    });
    expect(resolveHouseholds('nr 12 ikke hjemme', one).resolution).toEqual({
      kind: 'not_on_list',
      written: 'nr 12',
    });
  });
});

describe('several households in one message', () => {
  const read = (text: string) => {
    const result = readVisitReports(text, BIRGIT, {}, { now, zone: 'Europe/Copenhagen' });
    if (result.kind !== 'reports') return result.kind;
    return result.reports.map((part) => [
      part.ids.join('+'),
      part.report.outcome,
      part.report.folderLeft,
    ]);
  };

  it.each([
    [
      'Ove og Jonas ikke hjemme, mappe lagt begge steder',
      [['christensen+madsen', 'not_home', true]],
    ],
    [
      'mødte Sara, Kasper var ikke hjemme, lagde mappen begge steder',
      [
        ['holm', 'met', true],
        ['andersen', 'not_home', true],
      ],
    ],
    [
      'ikke hjemme hos Ove, men Jonas åbnede',
      [
        ['christensen', 'not_home', null],
        ['madsen', 'met', null],
      ],
    ],
    [
      'ove ikke hjemme, jonas heller ikke',
      [
        ['christensen', 'not_home', null],
        ['madsen', 'not_home', null],
      ],
    ],
    ['Sara, Kasper og Jonas: ingen hjemme', [['holm+andersen+madsen', 'not_home', null]]],
    ['nr 10 og nr 14 ikke hjemme', 'ask'],
  ])('when Birgit writes %j, then each household gets its part', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });
});

describe('what the conversation is about', () => {
  const at = (time: string) => new Date(`2026-11-27T${time}:00+01:00`);
  const now = at('10:00');

  it('when a reminder came this morning, then the conversation is about its household', () => {
    expect(conversationFocus({ now, prompted: [{ id: 'madsen', at: at('09:00') }] })).toEqual({
      focus: 'madsen',
    });
  });

  it('when a report came after the reminder, then the reported household is the focus', () => {
    expect(
      conversationFocus({
        now,
        prompted: [{ id: 'madsen', at: at('08:00') }],
        reported: { id: 'holm', at: at('09:30') },
      }),
    ).toEqual({ focus: 'holm' });
  });

  it('when two reminders came together, then there is no focus but the two are the ones to ask about', () => {
    expect(
      conversationFocus({
        now,
        prompted: [
          { id: 'madsen', at: at('09:00') },
          { id: 'holm', at: at('09:00') },
        ],
      }),
    ).toEqual({ focus: null, recent: ['madsen', 'holm'] });
  });

  it('when the reminder is older than 12 hours or the report older than 2, then nothing is the focus', () => {
    expect(
      conversationFocus({
        now,
        prompted: [{ id: 'madsen', at: new Date('2026-11-26T21:00:00+01:00') }],
        reported: { id: 'holm', at: at('07:30') },
      }),
    ).toEqual({});
  });
});
