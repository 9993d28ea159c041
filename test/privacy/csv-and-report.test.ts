import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerReportCommands } from '../../adapters/cli/commands/report.js';
import { csvCell, neutraliseCell, toCsv } from '../../src/privacy/csv-guard.js';
import { runCli, useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { uniqueHandle } from './support/privacy-harness.js';

const db = useTestDatabase();
const nabo = (...args: string[]) => runCli(db, [registerReportCommands], args);

describe('the CSV guard', () => {
  it.each([
    ['=HYPERLINK("http://x","klik")', `'=HYPERLINK("http://x","klik")`],
    ['+45 12 34 56 78', `'+45 12 34 56 78`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tfane', `'\tfane`],
    ['\rretur', `'\rretur`],
  ])(
    'when a text cell starts with a formula character (%j), then it is neutralised',
    (input, expected) => {
      expect(neutraliseCell(input)).toBe(expected);
    },
  );

  it('when a text cell is ordinary, then it is unchanged; numbers are never prefixed', () => {
    expect(neutraliseCell('Gellerup')).toBe('Gellerup');
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(csvCell(-3)).toBe('-3');
  });

  it('when a cell holds the delimiter, a quote or a line break, then it is quoted after neutralising', () => {
    expect(csvCell('=1;2')).toBe(`"'=1;2"`);
    expect(csvCell('Ove "den glade"')).toBe('"Ove ""den glade"""');
    expect(
      toCsv([
        ['a', 1],
        ['b\nc', null],
      ]),
    ).toBe('a;1\r\n"b\nc";');
    expect(toCsv([['x,y']], { delimiter: ',' })).toBe('"x,y"');
  });
});

describe('nabo report csv', () => {
  it('when the report is made, then it holds counts per month only, and the read is audited', async () => {
    const estate = await createEstate(db());
    const ambassador = await estate.ambassador('Birgit Sørensen', uniqueHandle());
    const residents = await estate.assign(
      ambassador,
      [
        { names: ['Ove Christensen'], address: '=Gudrunsvej 10', moveInDate: '2026-11-02' },
        { names: ['Jonas Madsen'], address: 'Gudrunsvej 12', moveInDate: '2026-11-20' },
        { names: ['Fatima Ali'], address: 'Gudrunsvej 14', moveInDate: '2026-10-30' },
      ],
      '2026-11',
    );
    const visits = await db().visits.listOpenForAmbassador(ambassador.id);
    const visitOf = (index: number) =>
      visits.find((visit) => visit.residentId === residents[index]!.id)!;
    await db().visits.recordAttempt(visitOf(0).id, {
      outcome: 'met',
      folderLeft: true,
      note: 'vil gerne med i madklubben',
    });
    await db().visits.close(visitOf(0).id, 'met');
    await db().visits.recordAttempt(visitOf(1).id, { outcome: 'not_home', folderLeft: true });
    await db().visits.close(visitOf(1).id, 'folder_delivered_not_met');

    const run = await nabo('report', 'csv', '--area', estate.area.key);

    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual([
      'area;month;households_moved_in;visits_assigned;met;folder_left;folder_left_not_met;not_reached;declined;moved;still_open;erased',
      `${estate.area.key};2026-10;1;0;0;0;0;0;0;0;0;0`,
      `${estate.area.key};2026-11;2;3;1;2;1;0;0;0;1;0`,
    ]);
    expect(run.lines.join('\n')).not.toMatch(/Ove|Gudrunsvej|madklubben|Birgit/);
    const events = await db().auditEvents.listForSubject('area', estate.area.id);
    expect(events).toContainEqual(
      expect.objectContaining({ action: 'report.csv', platform: 'cli' }),
    );

    const file = join(await mkdtemp(join(tmpdir(), 'nabo-report-')), 'report.csv');
    const written = await nabo(
      'report',
      'csv',
      '--area',
      estate.area.key,
      '--month',
      '2026-11',
      '--out',
      file,
    );
    expect(written.lines).toEqual([`Wrote 1 month for ${estate.area.key} to ${file}`]);
    const content = await readFile(file, 'utf8');
    expect(content.startsWith('\uFEFFarea;month;')).toBe(true);
    expect(content.split('\r\n')).toHaveLength(3);
  });

  it('when the month is not YYYY-MM, then a user error', async () => {
    const estate = await createEstate(db());
    const run = await nabo('report', 'csv', '--area', estate.area.key, '--month', 'november');
    expect(run.error).toMatchObject({ name: 'UserError', code: 'INVALID_INPUT' });
    expect(run.closed).toBe(run.opened);
  });
});
