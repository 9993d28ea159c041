import type { Command } from 'commander';
import { isNaboError, UserError } from '../../../kernel/errors.js';
import type { CliRuntime } from '../runtime.js';
import { DEFAULT_TIME_ZONE } from '../../../kernel/constants.js';

/** `nabo area create <key> --name <name> [--time-zone <tz>]` */
export function registerAreaCommands(program: Command, runtime: CliRuntime): void {
  const area = program.command('area').description('Areas (boligområder) served by Nabo');

  area
    .command('create')
    .description('Create an area; the key is a short slug such as "gellerup"')
    .argument('<key>', 'short slug: lower-case letters, digits and dashes')
    .requiredOption('--name <name>', 'display name, e.g. "Gellerupparken"')
    .option('--time-zone <tz>', 'IANA time zone', DEFAULT_TIME_ZONE)
    .action(async (key: string, options: { name: string; timeZone: string }) => {
      const db = await runtime.openDatabase();
      try {
        const created = await db.areas
          .create({ key, name: options.name, timeZone: options.timeZone })
          .catch(rethrowMistakeAsUserError);
        runtime.print(`Created area ${created.key} (${created.name}, ${created.timeZone})`);
      } finally {
        await db.close();
      }
    });
}

/** A taken key or a bad zone is the operator's to fix: shown as is, exit code 1. */
function rethrowMistakeAsUserError(error: unknown): never {
  if (isNaboError(error) && (error.code === 'ALREADY_EXISTS' || error.code === 'INVALID_INPUT')) {
    throw new UserError(error.code, error.message, { cause: error });
  }
  throw error;
}
