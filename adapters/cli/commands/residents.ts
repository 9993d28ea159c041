import type { Command } from 'commander';
import { UserError } from '../../../kernel/errors.js';
import { importResidents } from '../../../src/residents/import-residents.js';
import { readInputFile } from '../read-input-file.js';
import type { CliRuntime } from '../runtime.js';

/** `nabo residents import <file> --area <key>` */
export function registerResidentsCommands(program: Command, runtime: CliRuntime): void {
  const residents = program
    .command('residents')
    .description("New residents (tilflyttere) from the housing organisation's list");

  residents
    .command('import')
    .description('Import a list of new residents (CSV; see docs/residents-file.md)')
    .argument('<file>', 'CSV file: comma or semicolon, UTF-8 or Excel export')
    .requiredOption('--area <key>', 'area key, e.g. gellerup')
    .action(async (file: string, options: { area: string }) => {
      const content = await readInputFile(file);
      const db = await runtime.openDatabase();
      try {
        const summary = await importResidents(db, options.area, content, file, { platform: 'cli' });
        const { inserted, skipped, errors } = summary;
        runtime.print(
          `Imported ${inserted} ${inserted === 1 ? 'household' : 'households'}, ` +
            `skipped ${skipped} already known, ` +
            `${errors.length} ${errors.length === 1 ? 'row' : 'rows'} with errors${errors.length > 0 ? ':' : '.'}`,
        );
        for (const error of errors) runtime.print(`  line ${error.line}: ${error.reason}`);
        if (errors.length > 0 && inserted + skipped === 0) {
          throw new UserError('IMPORT_FAILED', `No household could be read from ${file}`);
        }
      } finally {
        await db.close();
      }
    });
}
