import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { PNG } from 'pngjs';
import { readSheet } from 'read-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerReportCommands } from '../../adapters/cli/commands/report.js';
import { fixedClock } from '../../kernel/clock.js';
import { makeProgrammeReport } from '../../src/programme-report/index.js';
import { runCli, useTestDatabase } from '../support/database.js';
import {
  SEEDED_PERSONAL_DATA,
  seedProgramme,
  type SeededEstate,
} from './support/seed-programme.js';

/**
 * `nabo report programme` end to end: the real command, the embedded MongoDB, files on disk read
 * back. "Now" is 10 December 2026 in Copenhagen for the command and for the repositories.
 */

const now = new Date('2026-12-10T09:00:00.000Z');
const db = useTestDatabase({ now: () => new Date(now) });
const nabo = (...args: string[]) =>
  runCli(
    db,
    [(program, runtime) => registerReportCommands(program, runtime, fixedClock(now))],
    args,
  );

let estate: SeededEstate;
let dir: string;

beforeAll(async () => {
  estate = await seedProgramme(db(), 'solbakken');
  await db().areas.create({ key: 'bakkehuset', name: 'Bakkehuset', locale: 'en' });
  dir = await mkdtemp(join(tmpdir(), 'nabo-programme-'));
});

// Worked out by hand from the seeded tries (test/programme-report/support/seed-programme.ts).
const SOLBAKKEN_ROWS = [
  'Solbakken;2026-09;<5;<5;<5;0;0;0;<5;<5;<5;1;0;0;0;0;14',
  'Solbakken;2026-10;7;6;5;<5;0;0;<5;71;6.5;2;1;0;0;0;14',
  'Solbakken;2026-11;6;6;<5;0;0;0;<5;<5;3.5;2;0;1;0;0;14',
];

async function csvLines(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).trimEnd().split('\r\n');
}

describe('nabo report programme', () => {
  it('when a CSV is asked for, then each month has the figures worked out by hand, and the read is audited', async () => {
    const out = join(dir, 'solbakken.csv');
    const run = await nabo(
      'report',
      'programme',
      '--area',
      'solbakken',
      '--from',
      '2026-09',
      '--to',
      '2026-11',
      '--format',
      'csv',
      '--out',
      out,
      '--lang',
      'en',
    );
    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual([
      `Wrote the programme report for solbakken, 2026-09 to 2026-11 (csv), to ${out}`,
    ]);
    const lines = await csvLines(out);
    expect(lines[0]).toBe(
      'Area;Month;Moved in;Visited;Met;Folder only;Declined;Not reached;In progress;Contact rate (%);Median days to first try;Active ambassadors;Network meetings held;Check-ins held;Accompaniment offered;Went together;First-try deadline (days)',
    );
    expect(lines.slice(1)).toEqual(SOLBAKKEN_ROWS);
    expect(run.closed).toBe(run.opened);

    const audited = await db().privacy.auditEventsWithAction(
      ['report.programme'],
      new Date('2000-01-01T00:00:00Z'),
    );
    expect(audited).toContainEqual(
      expect.objectContaining({ subjectId: estate.area.id, platform: 'cli', subjectType: 'area' }),
    );
  });

  it('when no months are given, then the twelve months up to this month, in the area language (Danish)', async () => {
    const out = join(dir, 'default.csv');
    const run = await nabo(
      'report',
      'programme',
      '--area',
      'solbakken',
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(run.error).toBeUndefined();
    const lines = await csvLines(out);
    expect(lines[0]?.startsWith('Område;Måned;Flyttet ind;')).toBe(true);
    expect(lines.slice(1).map((line) => line.split(';')[1])).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(lines[10]).toBe('Solbakken;2026-10;7;6;5;<5;0;0;<5;71;6,5;2;1;0;0;0;14');
  });

  it('when several areas are asked for, then they come one after the other over the same months', async () => {
    const out = join(dir, 'both.csv');
    const run = await nabo(
      'report',
      'programme',
      '--area',
      'solbakken,bakkehuset',
      '--from',
      '2026-09',
      '--to',
      '2026-11',
      '--format',
      'csv',
      '--out',
      out,
      '--lang',
      'en',
    );
    expect(run.error).toBeUndefined();
    expect((await csvLines(out)).slice(1)).toEqual([
      ...SOLBAKKEN_ROWS,
      'Bakkehuset;2026-09;0;0;0;0;0;0;0;;;0;0;0;0;0;14',
      'Bakkehuset;2026-10;0;0;0;0;0;0;0;;;0;0;0;0;0;14',
      'Bakkehuset;2026-11;0;0;0;0;0;0;0;;;0;0;0;0;0;14',
    ]);
  });

  it('when an XLSX is asked for, then reading it back gives the same rows as the CSV', async () => {
    const out = join(dir, 'solbakken.xlsx');
    const run = await nabo(
      'report',
      'programme',
      '--area',
      'solbakken',
      '--from',
      '2026-09',
      '--to',
      '2026-11',
      '--format',
      'xlsx',
      '--out',
      out,
      '--lang',
      'en',
    );
    expect(run.error).toBeUndefined();
    const rows = await readSheet(await readFile(out));
    expect(rows).toHaveLength(4);
    expect(
      rows.slice(1).map((row) => row.map((cell) => (cell === null ? '' : String(cell))).join(';')),
    ).toEqual(SOLBAKKEN_ROWS);
    expect(rows[2]?.[4]).toBe(5);
    expect(rows[2]?.[5]).toBe('<5');
  });

  it('when a PNG is asked for, then a picture of the chart is written and the terminal says where', async () => {
    const out = join(dir, 'solbakken.png');
    const run = await nabo(
      'report',
      'programme',
      '--area',
      'solbakken,bakkehuset',
      '--format',
      'png',
      '--out',
      out,
    );
    expect(run.error).toBeUndefined();
    expect(run.lines[0]).toMatch(
      /^Wrote the programme report for solbakken, bakkehuset, 2026-01 to 2026-12 \(png\), to /,
    );
    const image = PNG.sync.read(await readFile(out));
    // Two areas side by side are wider than they are tall.
    expect(image.width).toBeGreaterThan(image.height);
    const colours = new Set<number>();
    for (let i = 0; i < image.data.length; i += 4 * 7) {
      colours.add((image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!);
    }
    expect(colours.size).toBeGreaterThan(10);
  });

  it.each([
    [['--area', 'nowhere', '--format', 'csv', '--out', 'x.csv'], "Unknown area 'nowhere'"],
    [
      ['--area', 'solbakken', '--from', '2026-13', '--format', 'csv', '--out', 'x.csv'],
      "--from must be a month as YYYY-MM, got '2026-13'",
    ],
    [
      [
        '--area',
        'solbakken',
        '--from',
        '2026-11',
        '--to',
        '2026-09',
        '--format',
        'csv',
        '--out',
        'x.csv',
      ],
      'The report cannot start (2026-11) after it ends (2026-09)',
    ],
    [
      [
        '--area',
        'solbakken',
        '--from',
        '2023-01',
        '--to',
        '2026-12',
        '--format',
        'csv',
        '--out',
        'x.csv',
      ],
      'A report spans at most 36 months; 2023-01 to 2026-12 is 48',
    ],
  ])('when the request is wrong (%j), then one clear line and no file', async (args, message) => {
    const out = join(dir, 'x.csv');
    const run = await nabo(
      'report',
      'programme',
      ...args.map((arg) => (arg === 'x.csv' ? out : arg)),
    );
    expect(run.error).toMatchObject({ name: 'UserError', message });
    expect(run.closed).toBe(run.opened);
    await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('when the format is missing or unknown, then commander refuses before the database is opened', async () => {
    const missing = await nabo('report', 'programme', '--area', 'solbakken', '--out', 'x');
    expect(missing.error).toMatchObject({ code: 'commander.missingMandatoryOptionValue' });
    const unknown = await nabo(
      'report',
      'programme',
      '--area',
      'solbakken',
      '--format',
      'pdf',
      '--out',
      'x',
    );
    expect(unknown.error).toMatchObject({ code: 'commander.invalidArgument' });
    expect(missing.opened + unknown.opened).toBe(0);
  });
});

describe('privacy of the programme report', () => {
  it('when every output is made, then no seeded name, address, unit, list or note appears in any of them', async () => {
    const files: Record<string, string> = {};
    for (const format of ['csv', 'xlsx'] as const) {
      for (const lang of ['da', 'en']) {
        const out = join(dir, `privacy-${lang}.${format}`);
        const run = await nabo(
          'report',
          'programme',
          '--area',
          'solbakken',
          '--format',
          format,
          '--out',
          out,
          '--lang',
          lang,
        );
        expect(run.error).toBeUndefined();
        const bytes = await readFile(out);
        files[out] =
          format === 'csv'
            ? bytes.toString('utf8')
            : Object.values(unzipSync(new Uint8Array(bytes)))
                .map((entry) => strFromU8(entry))
                .join('\n');
      }
    }
    for (const locale of ['da', 'en'] as const) {
      const output = await makeProgrammeReport(db(), {
        areas: [estate.area],
        range: { from: '2026-01', to: '2026-12' },
        locale,
        requestedBy: { platform: 'cli' },
      });
      files[`svg-${locale}`] = output.picture.svg;
      files[`table-${locale}`] = output.table;
      files[`alt-${locale}`] = output.picture.altText;
      files[`report-${locale}`] = JSON.stringify(output.report);
    }
    const facts = await db().programmeReport.facts([
      {
        areaId: estate.area.id,
        moveInFrom: new Date('2026-01-01T00:00:00Z'),
        moveInUntil: new Date('2027-01-01T00:00:00Z'),
        activityFrom: new Date('2025-12-31T23:00:00Z'),
        activityUntil: new Date('2026-12-31T23:00:00Z'),
      },
    ]);
    files.facts = JSON.stringify(facts);

    // The scan must see what it scans: the outputs hold the area and real figures.
    expect(files['svg-da']).toContain('Solbakken');
    expect(files['table-en']).toContain(' 71 ');
    expect(facts[0]?.visits.length).toBe(13);
    const leaks = Object.entries(files).flatMap(([name, content]) =>
      SEEDED_PERSONAL_DATA.filter((personal) => content.includes(personal)).map(
        (personal) => `${name}: ${personal}`,
      ),
    );
    expect(leaks).toEqual([]);
    expect(files.facts).not.toMatch(/"note|"names|"address|"noteBy/);
  });
});
