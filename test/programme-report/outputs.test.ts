import { readSheet } from 'read-excel-file/node';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { MonthFigures } from '../../src/programme-report/figures.js';
import { chartLayout } from '../../src/programme-report/chart.js';
import { programmePicture } from '../../src/programme-report/programme-report.js';
import { FEW, protectMonth, type ProgrammeReport } from '../../src/programme-report/small-cells.js';
import { reportCsv, reportTableText } from '../../src/programme-report/table.js';
import { reportXlsx } from '../../src/programme-report/xlsx.js';

/** A report built from figures by hand: the outputs only ever see protected cells. */
function figures(month: string, movedIn: number, extra: Partial<MonthFigures> = {}): MonthFigures {
  const met = Math.floor(movedIn / 2);
  const folderOnly = Math.floor(movedIn / 4);
  return {
    month,
    movedIn,
    visited: met + folderOnly,
    met,
    declined: 0,
    folderOnly,
    notReached: 0,
    inProgress: movedIn - met - folderOnly,
    contactRate: movedIn === 0 ? null : met / movedIn,
    medianDaysToFirstTry: 6.5,
    firstTryHouseholds: met + folderOnly,
    activeAmbassadors: 4,
    meetingsHeld: 1,
    checkInsHeld: 2,
    accompanimentsOffered: 0,
    wentTogether: 0,
    ...extra,
  };
}

function report(areaName = 'Gellerup'): ProgrammeReport {
  return {
    range: { from: '2026-09', to: '2026-11' },
    areas: [
      {
        area: { id: 'a1', key: 'gellerup', name: areaName, timeZone: 'Europe/Copenhagen' },
        firstAttemptDeadlineDays: 14,
        months: [
          protectMonth(figures('2026-09', 24)),
          protectMonth(figures('2026-10', 3)),
          protectMonth(figures('2026-11', 40)),
        ],
      },
    ],
  };
}

function decode(png: Buffer): PNG {
  return PNG.sync.read(png);
}

/** Distinct colours and non-white pixels within a rectangle of the picture. */
function inspect(image: PNG, box = { x: 0, y: 0, width: image.width, height: image.height }) {
  const colours = new Set<number>();
  let ink = 0;
  for (let y = box.y; y < box.y + box.height; y += 1) {
    for (let x = box.x; x < box.x + box.width; x += 1) {
      const i = (y * image.width + x) * 4;
      const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
      colours.add((r << 16) | (g << 8) | b);
      if (r < 245 || g < 245 || b < 245) ink += 1;
    }
  }
  return { colours: colours.size, ink };
}

describe('the picture', () => {
  it('when the report is drawn, then the PNG has the layout size and is not blank', async () => {
    const picture = await programmePicture(report(), 'da');
    const image = decode(picture.png);
    expect([image.width, image.height]).toEqual([picture.width, picture.height]);
    expect(image.width).toBeGreaterThan(600);
    expect(image.height).toBeGreaterThan(600);
    const seen = inspect(image);
    // Bars in five outcome colours, lines, axes and text on white.
    expect(seen.colours).toBeGreaterThan(20);
    expect(seen.ink / (image.width * image.height)).toBeGreaterThan(0.05);
  });

  it('when only the title differs, then the title band differs and holds drawn text (the shipped font)', async () => {
    const [one, other] = await Promise.all([
      programmePicture(report('Gellerup'), 'da'),
      programmePicture(report('Løget'), 'da'),
    ]);
    const a = decode(one.png);
    const b = decode(other.png);
    const titleBand = { x: 0, y: 0, width: a.width, height: 50 };
    expect(inspect(a, titleBand).ink).toBeGreaterThan(500);
    let differing = 0;
    for (let i = 0; i < a.width * 50 * 4; i += 4) {
      if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1]) differing += 1;
    }
    expect(differing).toBeGreaterThan(200);
    expect(one.svg).toContain('Naboambassadører i Gellerup');
    expect(other.svg).toContain('Naboambassadører i Løget');
  });

  it('when English is asked for, then the chart speaks English', async () => {
    const picture = await programmePicture(report(), 'en');
    expect(picture.svg).toContain(
      'Neighbour ambassadors in Gellerup, September 2026 – November 2026',
    );
    expect(picture.svg).toContain('Folder only');
    expect(picture.svg).not.toContain('Kun mappe');
    expect(picture.altText).toMatch(/^Chart of the neighbour-ambassador programme in Gellerup/);
  });

  it('when a month has fewer than 5 households, then nothing of its households is drawn and "<5" stands at its foot', () => {
    const layout = chartLayout(report(), 'da');
    const series = (layout.option.series as Array<Record<string, unknown>>).filter(
      (entry) => entry.xAxisIndex === 0,
    );
    const bars = series.filter((entry) => entry.type === 'bar');
    expect(bars).toHaveLength(5);
    for (const bar of bars) expect((bar.data as unknown[])[1]).toBe('-');
    const totals = series.find((entry) => entry.type === 'scatter')!;
    const labels = (totals.data as Array<{ value: number; label: { formatter: string } }>).map(
      (point) => [point.value, point.label.formatter],
    );
    // September: 24 moved in; met 12, folder 6 and in progress 6 are drawn (24 high).
    expect(labels).toEqual([
      [24, '24'],
      [0, FEW],
      [40, '40'],
    ]);
    const contactRate = series.find((entry) => entry.type === 'line')!;
    expect(contactRate.data).toEqual([50, '-', 50]);
  });
});

describe('the table', () => {
  it('when written as CSV, then one row per month, "<5" as text, Danish decimals and guarded text', () => {
    const csv = reportCsv(report('=HYPERLINK("http://x")'), 'da').split('\r\n');
    expect(csv[0]).toBe(
      'Område;Måned;Flyttet ind;Besøgt;Mødt;Kun mappe;Sagde nej tak;Ikke truffet;I gang;Kontaktrate (%);Median dage til første forsøg;Aktive ambassadører;Netværksmøder holdt;Samtaler holdt;Følgeskab tilbudt;Fulgtes ad;Frist for første forsøg (dage)',
    );
    expect(csv.slice(1)).toEqual([
      `"'=HYPERLINK(""http://x"")";2026-09;24;18;12;6;0;0;6;50;6,5;4;1;2;0;0;14`,
      `"'=HYPERLINK(""http://x"")";2026-10;<5;<5;<5;0;0;0;<5;<5;<5;4;1;2;0;0;14`,
      `"'=HYPERLINK(""http://x"")";2026-11;40;30;20;10;0;0;10;50;6,5;4;1;2;0;0;14`,
    ]);
    expect(reportCsv(report(), 'en').split('\r\n')[1]).toBe(
      'Gellerup;2026-09;24;18;12;6;0;0;6;50;6.5;4;1;2;0;0;14',
    );
  });

  it('when written as XLSX and read back, then the same rows: numbers as numbers, "<5" as text', async () => {
    const xlsx = await reportXlsx(report('=1+1'), 'en');
    const rows = await readSheet(xlsx);
    expect(rows[0]).toEqual([
      'Area',
      'Month',
      'Moved in',
      'Visited',
      'Met',
      'Folder only',
      'Declined',
      'Not reached',
      'In progress',
      'Contact rate (%)',
      'Median days to first try',
      'Active ambassadors',
      'Network meetings held',
      'Check-ins held',
      'Accompaniment offered',
      'Went together',
      'First-try deadline (days)',
    ]);
    expect(rows.slice(1)).toEqual([
      ['=1+1', '2026-09', 24, 18, 12, 6, 0, 0, 6, 50, 6.5, 4, 1, 2, 0, 0, 14],
      ['=1+1', '2026-10', FEW, FEW, FEW, 0, 0, 0, FEW, FEW, FEW, 4, 1, 2, 0, 0, 14],
      ['=1+1', '2026-11', 40, 30, 20, 10, 0, 0, 10, 50, 6.5, 4, 1, 2, 0, 0, 14],
    ]);
  });

  it('when shown in a chat, then a monospaced block per area with the legend and the "<5" note', () => {
    const text = reportTableText(report(), 'da');
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Gellerup, september 2026 – november 2026 (frist for første forsøg: 14 dage)',
      'Md.     Ind Bes Mødt Mappe Nej Ikke I gang Kont% Dage Amb Møder Samt Følg Fulgt',
      'sep. 26  24  18   12     6   0    0      6    50  6,5   4     1    2    0     0',
      'okt. 26  <5  <5   <5     0   0    0     <5    <5   <5   4     1    2    0     0',
      'nov. 26  40  30   20    10   0    0     10    50  6,5   4     1    2    0     0',
    ]);
    expect(text).toContain('«<5»: færre end 5 husstande');
    expect(text).toContain('Følg = følgeskab tilbudt, Fulgt = fulgtes ad');
  });
});
