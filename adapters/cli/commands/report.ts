import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { UserError } from '../../../kernel/errors.js';
import { figuresToCsv, monthlyFigures } from '../../../src/privacy/area-report.js';
import { auditAreaRead } from '../../../src/privacy/audit.js';
import type { CliRuntime } from '../runtime.js';

/** `nabo report csv --area <key> [--month YYYY-MM] [--out file] [--delimiter ;|,]` */
export function registerReportCommands(program: Command, runtime: CliRuntime): void {
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
}
