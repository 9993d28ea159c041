import type { Command } from 'commander';
import { UserError } from '../../../kernel/errors.js';
import { parseFolderFile } from '../../../src/welcome-folder/load-folder-file.js';
import { readInputFile } from '../read-input-file.js';
import type { CliRuntime } from '../runtime.js';

/** `nabo folder load <file.json|csv> --area <key>`: replaces the area's welcome folder. */
export function registerWelcomeFolderCommands(program: Command, runtime: CliRuntime): void {
  const folder = program
    .command('folder')
    .description('The welcome folder (velkomstmappe): contacts, activities, the welcome gift');

  folder
    .command('load')
    .description("Replace an area's welcome folder with the contents of a JSON or CSV file")
    .argument('<file>', 'JSON {contacts, activities, gift} or CSV with a type column')
    .requiredOption('--area <key>', 'area key, e.g. gellerup')
    .action(async (file: string, options: { area: string }) => {
      const content = await readInputFile(file);
      // Read and check the whole file before touching the store: a bad file changes nothing.
      const parsed = parseFolderFile(content, file);
      const db = await runtime.openDatabase();
      try {
        const area = await db.areas.findByKey(options.area);
        if (!area) throw new UserError('NOT_FOUND', `Unknown area '${options.area}'`);
        const saved = await db.welcomeFolders.replace(area.id, parsed);
        await db.auditEvents.record({
          action: 'welcome_folder.loaded',
          subjectType: 'area',
          subjectId: area.id,
          platform: 'cli',
          details: {
            contacts: saved.contacts.length,
            activities: saved.activities.length,
            gift: Boolean(saved.gift),
          },
        });
        runtime.print(
          `Loaded the welcome folder of ${area.key}: ${saved.contacts.length} contacts, ` +
            `${saved.activities.length} activities, ${saved.gift ? 'a welcome gift' : 'no welcome gift'}.`,
        );
      } finally {
        await db.close();
      }
    });
}
