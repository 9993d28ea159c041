import { InvalidArgumentError, type Command } from 'commander';
import { ENVIRONMENT_VARIABLES } from '../../../jobs/settings.js';
import { isNaboError, UserError } from '../../../kernel/errors.js';
import type { CliRuntime } from '../runtime.js';
import { DEFAULT_TIME_ZONE } from '../../../kernel/constants.js';

/**
 * `nabo area create <key> --name <name> [--time-zone <tz>]`
 * `nabo area set <key> [--revisit-hour <0-23>] [--revisit-after-days <n>] [--max-attempts <n>]
 *   [--first-attempt-days <n>] [--check-in-weeks <n>]`
 */
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

  registerAreaSet(area, runtime);
}

interface SetOptions {
  revisitHour?: number;
  revisitAfterDays?: number;
  maxAttempts?: number;
  firstAttemptDays?: number;
  checkInWeeks?: number;
}

/**
 * Changes an area's settings. Reminders already queued for its open visits move with a new
 * reminder hour or deadline, so the change holds from the next reminder on.
 */
function registerAreaSet(area: Command, runtime: CliRuntime): void {
  area
    .command('set')
    .description("Change an area's settings; queued reminders move to the new times")
    .argument('<key>', 'area key, e.g. gellerup')
    .option('--revisit-hour <hour>', 'local hour (0-23) revisit reminders go out', wholeNumber)
    .option('--revisit-after-days <days>', 'days after "not home" until the next try', wholeNumber)
    .option('--max-attempts <n>', 'tries at the door before a visit is closed', wholeNumber)
    .option('--first-attempt-days <days>', 'days to the first try before a nudge', wholeNumber)
    .option('--check-in-weeks <weeks>', 'weeks between check-ins with each ambassador', wholeNumber)
    .action(async (key: string, options: SetOptions) => {
      const changes = {
        ...(options.revisitHour !== undefined ? { revisitHour: options.revisitHour } : {}),
        ...(options.revisitAfterDays !== undefined
          ? { revisitAfterDays: options.revisitAfterDays }
          : {}),
        ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
        ...(options.firstAttemptDays !== undefined
          ? { firstAttemptDeadlineDays: options.firstAttemptDays }
          : {}),
        ...(options.checkInWeeks !== undefined ? { checkInEveryWeeks: options.checkInWeeks } : {}),
      };
      if (Object.keys(changes).length === 0) {
        throw new UserError('INVALID_INPUT', 'Say what to change, e.g. --revisit-hour 14');
      }
      const db = await runtime.openDatabase();
      try {
        const found = await db.areas.findByKey(key);
        if (!found) throw new UserError('NOT_FOUND', `Unknown area '${key}'`);
        const updated = await db.areas
          .updateSettings(found.id, changes)
          .catch(rethrowMistakeAsUserError);
        runtime.print(`Updated ${updated.key}: ${describeChanges(changes)}`);
        const movesReminders =
          changes.revisitHour !== undefined || changes.firstAttemptDeadlineDays !== undefined;
        if (!movesReminders) return;
        // Loaded here, not at the top: every `nabo` command would otherwise start by loading BullMQ.
        const [{ openJobClient }, { moveAreaReminders }] = await Promise.all([
          import('../../../jobs/start-jobs.js'),
          import('../../../jobs/area-reminders.js'),
        ]);
        const config = runtime.config();
        const prefix = process.env[ENVIRONMENT_VARIABLES.queuePrefix]?.trim();
        const jobs = openJobClient({
          db,
          redisUrl: config.redisUrl,
          platforms: await runtime.platforms(db),
          clock: { now: () => runtime.now() },
          ...(prefix ? { prefix } : {}),
        });
        try {
          const moved = await moveAreaReminders({ db, ...jobs }, updated);
          runtime.print(
            `Moved ${moved.revisits} revisit reminders and ${moved.deadlines} first-visit deadlines.`,
          );
        } finally {
          await jobs.close();
        }
      } finally {
        await db.close();
      }
    });
}

function describeChanges(changes: Record<string, number>): string {
  return Object.entries(changes)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
}

function wholeNumber(value: string): number {
  if (!/^\d{1,3}$/.test(value.trim())) {
    throw new InvalidArgumentError('Expected a whole number, e.g. 14.');
  }
  return Number(value);
}

/** A taken key or a bad zone is the operator's to fix: shown as is, exit code 1. */
function rethrowMistakeAsUserError(error: unknown): never {
  if (isNaboError(error) && (error.code === 'ALREADY_EXISTS' || error.code === 'INVALID_INPUT')) {
    throw new UserError(error.code, error.message, { cause: error });
  }
  throw error;
}
