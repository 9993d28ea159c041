import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/meetings/duration.js';
import { parseAgenda } from '../../src/meetings/parse-agenda.js';

/**
 * How coordinators write agendas, in Danish and English. "Now" is Friday 27 November 2026,
 * 10:00 in Copenhagen; 12 December 17:00 local is 16:00 UTC.
 */
const now = new Date('2026-11-27T10:00:00+01:00');
const zone = 'Europe/Copenhagen';
const DEC_12_17 = '2026-12-12T16:00:00.000Z';
const DEC_7_1815 = '2026-12-07T17:15:00.000Z';

interface Row {
  text: string;
  title?: string;
  startsAt?: string | null;
  plannedMinutes?: number | null;
  items: Array<[string, number]>;
  problems?: string[];
}

const FOUR_ITEMS: Array<[string, number]> = [
  ['Velkommen', 5],
  ['Erfaringer fra besøg', 20],
  ['Oplæg om kulturmøder', 30],
  ['Evt.', 10],
];

const TABLE: Row[] = [
  {
    text: 'Netværksmøde 12/12 kl 17: Velkommen 5 min; Erfaringer fra besøg 20 min; Oplæg om kulturmøder 30 min; Evt. 10 min',
    title: 'Netværksmøde',
    startsAt: DEC_12_17,
    plannedMinutes: null,
    items: FOUR_ITEMS,
    problems: [],
  },
  {
    text: 'Netværksmøde 12/12 kl 17\nVelkommen 5 min\nErfaringer fra besøg 20 min\nOplæg om kulturmøder 30 min\nEvt. 10 min',
    startsAt: DEC_12_17,
    items: FOUR_ITEMS,
  },
  {
    text: 'Netværksmøde 12/12 kl 17:\n- Velkommen 5 min\n- Erfaringer fra besøg 20 min\n- Oplæg om kulturmøder 30 min\n- Evt. 10 min',
    startsAt: DEC_12_17,
    items: FOUR_ITEMS,
  },
  {
    text: 'Netværksmøde 12/12 kl 17\n• Velkommen 5 min\n• Erfaringer fra besøg 20 min\n* Oplæg om kulturmøder 30 min\n* Evt. 10 min',
    items: FOUR_ITEMS,
  },
  {
    text: 'Netværksmøde 12/12 kl 17\n1. Velkommen (5 min)\n2. Erfaringer fra besøg (20 min)\n3. Oplæg om kulturmøder (30 min)\n4. Evt. (10 min)',
    items: FOUR_ITEMS,
  },
  {
    text: 'Netværksmøde 12/12 kl 17\n1) Velkommen – 5 min\n2) Erfaringer fra besøg – 20 min\n3) Oplæg om kulturmøder - 30 min\n4) Evt. - 10 min',
    items: FOUR_ITEMS,
  },
  {
    text: 'Netværksmøde 12/12 kl 17: Velkommen: 5 min; Erfaringer fra besøg: 20 min; Oplæg om kulturmøder: 30 min; Evt.: 10 min',
    items: FOUR_ITEMS,
  },
  {
    text: 'Netværksmøde 12/12 kl 17: Velkommen 5m; Kaffe 10m',
    items: [
      ['Velkommen', 5],
      ['Kaffe', 10],
    ],
  },
  {
    text: 'Netværksmøde 12/12 kl 17: Velkommen 5 minutter; Runde ½ time',
    items: [
      ['Velkommen', 5],
      ['Runde', 30],
    ],
  },
  {
    text: 'Netværksmøde 12/12 kl 17: Oplæg 1 t; Spørgsmål 1h30',
    items: [
      ['Oplæg', 60],
      ['Spørgsmål', 90],
    ],
  },
  {
    text: 'Netværksmøde 12/12 kl 17: Kaffe et kvarter; Runde tre kvarter',
    items: [
      ['Kaffe', 15],
      ['Runde', 45],
    ],
  },
  {
    text: 'Netværksmøde 12/12 kl 17: Kaffe kvarter; Oplæg halvanden time',
    items: [
      ['Kaffe', 15],
      ['Oplæg', 90],
    ],
  },
  {
    text: 'Netværksmøde 12/12 kl 17: Oplæg 1,5 time; Runde 1½ time',
    items: [
      ['Oplæg', 90],
      ['Runde', 90],
    ],
  },
  {
    text: 'Netværksmøde 12/12 kl 17: Oplæg 1 time og 15 min; Kaffe en halv time',
    items: [
      ['Oplæg', 75],
      ['Kaffe', 30],
    ],
  },
  {
    text: 'Netværksmøde 12/12 kl 17: 5 min velkommen; 20 min erfaringer',
    items: [
      ['velkommen', 5],
      ['erfaringer', 20],
    ],
  },
  {
    text: 'Netværksmøde 12/12 kl 17-18:30: Velkommen 5 min; Erfaringer 20 min',
    startsAt: DEC_12_17,
    plannedMinutes: 90,
    items: [
      ['Velkommen', 5],
      ['Erfaringer', 20],
    ],
  },
  {
    text: 'Netværksmøde 12/12 17:00–18:30\nVelkommen 5 min',
    startsAt: DEC_12_17,
    plannedMinutes: 90,
    items: [['Velkommen', 5]],
  },
  {
    text: 'Netværksmøde d. 12/12 fra 17 til 18.30: Velkommen 5 min',
    startsAt: DEC_12_17,
    plannedMinutes: 90,
    items: [['Velkommen', 5]],
  },
  {
    text: 'Netværksmøde 12. december kl. 17.00: Velkommen 5 min',
    startsAt: DEC_12_17,
    items: [['Velkommen', 5]],
  },
  {
    text: 'Netværksmøde 12/12/2026 kl 17: Velkommen 5 min',
    startsAt: DEC_12_17,
    items: [['Velkommen', 5]],
  },
  {
    text: 'Netværksmøde 12/12 kl 17, 1½ time: Velkommen 5 min',
    startsAt: DEC_12_17,
    plannedMinutes: 90,
    items: [['Velkommen', 5]],
  },
  {
    text: 'Dagsorden for netværksmøde torsdag kl 17\nVelkommen 5 min\nErfaringer 20 min',
    title: 'Netværksmøde',
    startsAt: '2026-12-03T16:00:00.000Z',
    items: [
      ['Velkommen', 5],
      ['Erfaringer', 20],
    ],
  },
  {
    text: 'Netværksmøde i morgen kl 16:30: Velkommen 5 min',
    startsAt: '2026-11-28T15:30:00.000Z',
    items: [['Velkommen', 5]],
  },
  {
    text: 'Julemøde 12/12 kl 17: Gløgg 20 min; Pakkeleg 40 min',
    title: 'Julemøde',
    startsAt: DEC_12_17,
    items: [
      ['Gløgg', 20],
      ['Pakkeleg', 40],
    ],
  },
  {
    text: 'Network meeting Dec 12 5pm: Welcome 5 min; Experiences from visits 20 min; Talk on cultural encounters 30 min; AOB 10 min',
    title: 'Network meeting',
    startsAt: DEC_12_17,
    items: [
      ['Welcome', 5],
      ['Experiences from visits', 20],
      ['Talk on cultural encounters', 30],
      ['AOB', 10],
    ],
  },
  {
    text: 'Network meeting Dec 12 5pm: Welcome 5 mins; Talk 1 hour; Questions 90 minutes; Coffee half an hour',
    items: [
      ['Welcome', 5],
      ['Talk', 60],
      ['Questions', 90],
      ['Coffee', 30],
    ],
  },
  {
    text: 'Network meeting 12 December 17:00-18:30\n- Welcome 5 min\n- Round 1.5 hours',
    startsAt: DEC_12_17,
    plannedMinutes: 90,
    items: [
      ['Welcome', 5],
      ['Round', 90],
    ],
  },
  {
    text: 'Meeting Dec 12 5pm-6:30pm\n1. Welcome (5 min)\n2. Round – 20 min',
    title: 'Meeting',
    startsAt: DEC_12_17,
    plannedMinutes: 90,
    items: [
      ['Welcome', 5],
      ['Round', 20],
    ],
  },
  {
    text: 'Agenda for network meeting on Thursday at 5 pm\nWelcome 5 min\nCoffee a quarter of an hour',
    title: 'Network meeting',
    startsAt: '2026-12-03T16:00:00.000Z',
    items: [
      ['Welcome', 5],
      ['Coffee', 15],
    ],
  },
  {
    text: 'Network meeting tomorrow 6:30pm: Welcome 10 min; Talk an hour',
    startsAt: '2026-11-28T17:30:00.000Z',
    items: [
      ['Welcome', 10],
      ['Talk', 60],
    ],
  },
  {
    text: 'Network meeting on December 12th at 17:00: Welcome 2 hrs 15 min; Wrap-up 1h',
    startsAt: DEC_12_17,
    items: [
      ['Welcome', 135],
      ['Wrap-up', 60],
    ],
  },
  {
    text: 'Network meeting Dec 12 5pm: Welcome 5 min, Round 20 min, AOB 10 min',
    items: [
      ['Welcome', 5],
      ['Round', 20],
      ['AOB', 10],
    ],
  },
  {
    text: 'Netværksmøde 12/12 kl 17: Velkommen 5 min; Evt.',
    items: [
      ['Velkommen', 5],
      ['Evt.', 10],
    ],
    problems: ['missing_timebox:Evt.'],
  },
  {
    text: 'Netværksmøde 12/12: Velkommen 5 min',
    startsAt: null,
    items: [['Velkommen', 5]],
    problems: ['missing_start_time'],
  },
  {
    text: 'Dagsorden\nVelkommen 5 min\nKaffe 10 min',
    title: '',
    startsAt: null,
    items: [
      ['Velkommen', 5],
      ['Kaffe', 10],
    ],
    problems: ['missing_date'],
  },
  {
    text: 'Velkommen 5 min\nErfaringer 20 min\nEvt. 10 min',
    title: '',
    startsAt: null,
    items: [
      ['Velkommen', 5],
      ['Erfaringer', 20],
      ['Evt.', 10],
    ],
    problems: ['missing_date'],
  },
  {
    text: 'Netværksmøde 12/12 kl 17: Foredrag 5 timer',
    items: [['Foredrag', 300]],
    problems: ['timebox_too_long:Foredrag'],
  },
  // Weekday, "d." and a dotted time in the first line, the items on the lines below.
  {
    text: 'Dagsorden mandag d. 7. december kl. 18.15\nVelkommen 5 min\nErfaringer fra besøg 20 min\nEvt. 10 min',
    startsAt: DEC_7_1815,
    items: [
      ['Velkommen', 5],
      ['Erfaringer fra besøg', 20],
      ['Evt.', 10],
    ],
    problems: [],
  },
  {
    text: 'Dagsorden mandag d. 7. december kl. 18.15\n18.15 Velkomst\n18.20 Erfaringer fra besøg\n18.45 Pause\n19.00 Oplæg om kulturmøder\n19.30-19.45 Tak for i aften',
    startsAt: DEC_7_1815,
    plannedMinutes: 90,
    items: [
      ['Velkomst', 5],
      ['Erfaringer fra besøg', 25],
      ['Pause', 15],
      ['Oplæg om kulturmøder', 30],
      ['Tak for i aften', 15],
    ],
    problems: [],
  },
  {
    text: 'Dagsorden mandag d. 7. december\nkl. 18.15 Velkomst\nkl. 18.30 Erfaringer fra besøg',
    startsAt: DEC_7_1815,
    items: [
      ['Velkomst', 15],
      ['Erfaringer fra besøg', 10],
    ],
    problems: ['missing_timebox:Erfaringer fra besøg'],
  },
  {
    text: 'Dagsorden mandag d. 7. december kl. 18.15-20.15\n1. Velkomst\n2. Erfaringer fra besøg\n3. Evt.',
    startsAt: DEC_7_1815,
    plannedMinutes: 120,
    items: [
      ['Velkomst', 40],
      ['Erfaringer fra besøg', 40],
      ['Evt.', 40],
    ],
    problems: [],
  },
  {
    text: 'Dagsorden mandag d. 7. december kl. 18.15\n1. Velkomst\n2. Erfaringer fra besøg',
    startsAt: DEC_7_1815,
    items: [
      ['Velkomst', 10],
      ['Erfaringer fra besøg', 10],
    ],
    problems: ['missing_timebox:Velkomst', 'missing_timebox:Erfaringer fra besøg'],
  },
];

describe('parseAgenda: the formats coordinators write', () => {
  it('holds at least 30 formats in Danish and English', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
  });

  it.each(TABLE)('when the coordinator writes %#, then the agenda is read', (row) => {
    const parsed = parseAgenda(row.text, { now, zone });
    expect(parsed).not.toBeNull();
    expect(parsed?.items.map((item) => [item.title, item.timeboxMinutes])).toEqual(row.items);
    if (row.title !== undefined) expect(parsed?.title).toBe(row.title);
    if (row.startsAt !== undefined)
      expect(parsed?.startsAt?.toISOString() ?? null).toBe(row.startsAt);
    if (row.plannedMinutes !== undefined) expect(parsed?.plannedMinutes).toBe(row.plannedMinutes);
    if (row.problems !== undefined) expect(parsed?.problems).toEqual(row.problems);
  });

  it('when a meeting date has passed, then the agenda says so', () => {
    const parsed = parseAgenda('Netværksmøde 1/1/2026 kl 17: Velkommen 5 min', { now, zone });
    expect(parsed?.problems).toContain('in_the_past');
  });

  it.each([
    'mødte familien Hansen, de var glade',
    'ikke hjemme, lagde mappen i postkassen',
    'pause til 1. januar',
    'jeg kan tage 3 om måneden',
    'tilføj punkt: Kaffe 10 min',
    'hej',
    'Kaffe 10 min',
    'Jeg møder dem i morgen kl 17',
    '',
    'Netværksmøde 12/12 kl 17',
    'Netværksmøde 12/12\nVelkommen\nErfaringer',
  ])('when the text is no agenda (%s), then nothing is parsed', (text) => {
    expect(parseAgenda(text, { now, zone })).toBeNull();
  });
});

describe('parseDuration', () => {
  it.each([
    ['5 min', 5],
    ['5m', 5],
    ['5 minutter', 5],
    ['½ time', 30],
    ['en halv time', 30],
    ['half an hour', 30],
    ['1 t', 60],
    ['1 time', 60],
    ['1 hour', 60],
    ['an hour', 60],
    ['1h30', 90],
    ['1 t 30', 90],
    ['halvanden time', 90],
    ['1,5 time', 90],
    ['1.5 hours', 90],
    ['90 minutes', 90],
    ['kvarter', 15],
    ['et kvarter', 15],
    ['tre kvarter', 45],
    ['(ca. 10 min)', 10],
  ])('when %s is written, then it is %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(['', 'min', 'Kaffe', '0 min', '17:00', 'om en time'])(
    'when %s is written, then it is no duration',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );
});
