import { describe, expect, it } from 'vitest';
import { recognizeIntent, type Intent } from '../../src/interpret/index.js';

const now = new Date('2026-11-27T10:00:00+01:00');
const zone = 'Europe/Copenhagen';

type Expected = Intent['kind'] | Exclude<Intent, { kind: 'visit_report' }>;

const ROWS: readonly (readonly [string, Expected])[] = [
  ['hjælp', 'help'],
  ['hjaelp', 'help'],
  ['Help', 'help'],
  ['help!', 'help'],
  ['?', 'help'],
  ['hvad kan du', 'help'],
  ['hvad kan du?', 'help'],
  ['what can you do?', 'help'],
  ['mine besøg', 'my_visits'],
  ['mine besog', 'my_visits'],
  ['my visits', 'my_visits'],
  ['besøg', 'my_visits'],
  ['liste', 'my_visits'],
  ['hvem skal jeg besøge?', 'my_visits'],
  ['hvem skal jeg besoge', 'my_visits'],
  ['fortryd', 'undo'],
  ['undo', 'undo'],
  ['slet sidste', 'undo'],
  ['fortryd det', 'undo'],
  ['Fortryd!', 'undo'],
  ['undo that please', 'undo'],
  [' pause til 1. januar', { kind: 'pause', until: '2027-01-01' }],
  ['ferie til 3. januar', { kind: 'pause', until: '2027-01-03' }],
  ['pause me until jan 5', { kind: 'pause', until: '2027-01-05' }],
  ['pause', { kind: 'pause', until: null }],
  ['jeg holder ferie til d. 15.', { kind: 'pause', until: '2026-12-15' }],
  ['pause i 2 uger', { kind: 'pause', until: '2026-12-11' }],
  ['jeg er tilbage', 'resume'],
  ['genoptag', 'resume'],
  ['resume', 'resume'],
  ["I'm back", 'resume'],
  ['jeg kan tage 3 om måneden', { kind: 'capacity', perMonth: 3 }],
  ['3 om mdr', { kind: 'capacity', perMonth: 3 }],
  ['I can take 2 a month', { kind: 'capacity', perMonth: 2 }],
  ['max 4', { kind: 'capacity', perMonth: 4 }],
  ['maks to om måneden', { kind: 'capacity', perMonth: 2 }],
  ['english please', { kind: 'language', locale: 'en' }],
  ['in english', { kind: 'language', locale: 'en' }],
  ['på dansk', { kind: 'language', locale: 'da' }],
  ['dansk tak', { kind: 'language', locale: 'da' }],
  ['can you write in English?', { kind: 'language', locale: 'en' }],
  ['hej', 'greeting'],
  ['Hi', 'greeting'],
  ['hej 👋', 'greeting'],
  ['godmorgen', 'greeting'],
  ['testing', 'greeting'],
  ['test 123', 'greeting'],
  ['Test 🙂', 'greeting'],
  ['tester lige', 'greeting'],
  ['er du der?', 'greeting'],
  ['virker det?', 'greeting'],
  ['is this working?', 'greeting'],
  ['tak', 'thanks'],
  ['thanks', 'thanks'],
  ['tusind tak!', 'thanks'],
  ['mange tak for hjælpen', 'thanks'],
  ['tak, mødte dem', 'visit_report'],
  ['hej, ikke hjemme', 'visit_report'],
  ['ikke hjemme, lagde mappen', 'visit_report'],
  ['nej, jeg lagde ikke mappen', 'visit_report'],
  ['kommer igen onsdag', 'visit_report'],
  ['de var på ferie', 'visit_report'],
  ['hun taler ikke dansk, men vi fik en god snak', 'visit_report'],
  ['hvad er varmemesterens nummer?', 'unknown'],
  ['', 'unknown'],
  ['<!channel>', 'unknown'],
  ['{"$where": "sleep(1000)"}', 'unknown'],
  ['asdfgh', 'unknown'],
];

describe('recognizeIntent', () => {
  it('has at least 40 rows', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ROWS)('when the ambassador writes %j, then the intent is %j', (text, expected) => {
    const intent = recognizeIntent(text, { now, zone });
    if (typeof expected === 'string') expect(intent.kind).toBe(expected);
    else expect(intent).toEqual(expected);
  });

  it('when a report is recognised, then it carries the interpretation', () => {
    const intent = recognizeIntent('tak, mødte dem', { now, zone });
    expect(intent).toMatchObject({ kind: 'visit_report', report: { outcome: 'met' } });
  });

  it('when a message only looks like a report, then it is still a report so the bot can ask', () => {
    const intent = recognizeIntent('var forbi familien Hansen', { now, zone });
    expect(intent).toMatchObject({
      kind: 'visit_report',
      report: { outcome: null, looksLikeReport: true, household: 'familien Hansen' },
    });
  });
});
