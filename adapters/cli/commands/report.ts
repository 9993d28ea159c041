import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { Area } from '../../../models/types.js';
import { systemClock, type Clock } from '../../../kernel/clock.js';
import { UserError } from '../../../kernel/errors.js';
import type { Locale } from '../../../src/i18n/locale.js';
import {
  programmePicture,
  programmeReport,
  reportCsv,
  reportXlsx,
  resolveMonthRange,
} from '../../../src/programme-report/index.js';
import { figuresToCsv, monthlyFigures } from '../../../src/privacy/area-report.js';
import { auditAreaRead } from '../../../src/privacy/audit.js';
import type { CliRuntime } from '../runtime.js';

/**
 * `nabo report csv --area <key> [--month YYYY-MM] [--out file] [--delimiter ;|,]`
 * `nabo report programme --area <key>[,<key>…] [--from YYYY-MM] [--to YYYY-MM]
 *   --format png|csv|xlsx --out <file> [--lang da|en]`
 */
export function registerReportCommands(
  program: Command,
  runtime: CliRuntime,
  clock: Clock = systemClock,
): void {
  const report = program.command('report').description('Figures for reports (counts only)');

  report
    .command('csv')
    .description(
      "An area's monthly figures for the helhedsplan report: households, visits and outcomes. " +
        'Counts only, no personal data.',
    )
    .requiredOption('--area <key>', 'area key, e.g. gellerup')
    .option('--month <YYYY-MM>', 'only this month (default: every month)')
    .option(
      '--out <file>',
      'write to this file (with a BOM, so Excel reads æ, ø, å) instead of printing',
    )
    .addOption(
      new Option('--delimiter <char>', 'field separator; ";" suits Danish Excel')
        .choices([';', ','])
        .default(';'),
    )
    .action(
      async (options: { area: string; month?: string; out?: string; delimiter: ';' | ',' }) => {
        const db = await runtime.openDatabase();
        try {
          const area = await db.areas.findByKey(options.area);
          if (!area) throw new UserError('NOT_FOUND', `Unknown area '${options.area}'`);
          const figures = await monthlyFigures(db, area, options.month);
          await auditAreaRead(db, { platform: 'cli', areaId: area.id, action: 'report.csv' });
          const csv = figuresToCsv(area.key, figures, { delimiter: options.delimiter });
          if (!options.out) {
            for (const line of csv.split('\r\n')) runtime.print(line);
            return;
          }
          await writeFile(options.out, `\uFEFF${csv}\r\n`, 'utf8');
          runtime.print(
            `Wrote ${figures.length} ${figures.length === 1 ? 'month' : 'months'} for ${area.key} to ${options.out}`,
          );
        } finally {
          await db.close();
        }
      },
    );
  report
    .command('programme')
    .description(
      "The programme's figures per month as a chart (PNG) or a table (CSV, XLSX): households " +
        'moved in, visited, met, folder only, declined, not reached, contact rate, days to the ' +
        'first try, active ambassadors, meetings and check-ins. Several areas side by side. ' +
        'Counts only; fewer than 5 households show as "<5".',
    )
    .requiredOption('--area <keys>', 'area key, or several separated by commas')
    .option('--from <YYYY-MM>', 'first month (default: 11 months before --to)')
    .option('--to <YYYY-MM>', 'last month (default: this month)')
    .addOption(
      new Option('--format <format>', 'what to write')
        .choices(['png', 'csv', 'xlsx'])
        .makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'the file to write')
    .addOption(
      new Option('--lang <locale>', "labels' language (default: the first area's)").choices([
        'da',
        'en',
      ]),
    )
    .action(
      async (options: {
        area: string;
        from?: string;
        to?: string;
        format: 'png' | 'csv' | 'xlsx';
        out: string;
        lang?: Locale;
      }) => {
        const keys = [
          ...new Set(
            options.area
              .split(',')
              .map((key) => key.trim())
              .filter(Boolean),
          ),
        ];
        if (keys.length === 0) throw new UserError('INVALID_INPUT', '--area needs an area key');
        const db = await runtime.openDatabase();
        try {
          const areas: Area[] = [];
          for (const key of keys) {
            const area = await db.areas.findByKey(key);
            if (!area) throw new UserError('NOT_FOUND', `Unknown area '${key}'`);
            areas.push(area);
          }
          const first = areas[0]!;
          const range = resolveMonthRange(options, clock.now(), first.timeZone);
          const locale = options.lang ?? first.locale;
          const report = await programmeReport(db, {
            areas,
            range,
            requestedBy: { platform: 'cli' },
          });
          if (options.format === 'png') {
            await writeFile(options.out, (await programmePicture(report, locale)).png);
          } else if (options.format === 'xlsx') {
            await writeFile(options.out, await reportXlsx(report, locale));
          } else {
            await writeFile(options.out, `\uFEFF${reportCsv(report, locale)}\r\n`, 'utf8');
          }
          runtime.print(
            `Wrote the programme report for ${keys.join(', ')}, ${range.from} to ${range.to} (${options.format}), to ${options.out}`,
          );
        } finally {
          await db.close();
        }
      },
    );
}
