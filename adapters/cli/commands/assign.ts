import type { Command } from 'commander';
import type { NaboDatabase } from '../../../models/database.js';
import type { Area, Person, Resident } from '../../../models/types.js';
import { ENVIRONMENT_VARIABLES } from '../../../jobs/settings.js';
import type { AssignmentPlan } from '../../../src/assignment/assign-households.js';
import {
  assertAssignmentMonth,
  assignmentMonthOf,
} from '../../../src/assignment/assignment-month.js';
import { runMonthlyAssignment } from '../../../src/assignment/run-monthly-assignment.js';
import type { CliRuntime } from '../runtime.js';
import { UserError } from '../../../kernel/errors.js';
import { logger } from '../../../kernel/logger.js';

/**
 * `nabo assign --area <key> [--month YYYY-MM] [--dry-run]`: the monthly hand-out, now. The same
 * service as the scheduled job: opens the visits, then queues one message per ambassador and a
 * summary per coordinator for the worker to send (send keys keep a second run from messaging
 * anyone twice). `--dry-run` prints the plan and changes nothing.
 */
export function registerAssignCommand(program: Command, runtime: CliRuntime): void {
  program
    .command('assign')
    .description("Hand out the area's new households to its ambassadors")
    .requiredOption('--area <key>', 'area key, e.g. gellerup')
    .option('--month <YYYY-MM>', 'hand-out month (default: this month in the area)')
    .option('--dry-run', 'print the plan without saving or sending anything')
    .action(async (options: { area: string; month?: string; dryRun?: boolean }) => {
      const db = await runtime.openDatabase();
      try {
        const area = await db.areas.findByKey(options.area);
        if (!area) throw new UserError('NOT_FOUND', `Unknown area '${options.area}'`);
        const now = runtime.now();
        const month = options.month
          ? assertAssignmentMonth(options.month)
          : assignmentMonthOf(now, area.timeZone);
        // Read before the run: once it has saved, these households are no longer unassigned,
        // and the plan would name them by id instead of by door.
        const households = await db.residents.listUnassigned(area.id);
        const run = await runMonthlyAssignment(db, {
          area,
          month,
          now,
          dryRun: options.dryRun ?? false,
        });
        for (const line of await describePlan(db, area, run.plan, households)) {
          runtime.print(line);
        }
        if (run.dryRun) {
          runtime.print('Dry run: nothing was saved or sent.');
          return;
        }
        runtime.print(
          `Opened ${run.opened.length} visits${run.skipped ? ` (${run.skipped} already taken)` : ''}.`,
        );
        await announce(db, area, month, runtime);
      } finally {
        await db.close();
      }
    });
}

async function announce(
  db: NaboDatabase,
  area: Area,
  month: string,
  runtime: CliRuntime,
): Promise<void> {
  // Loaded here, not at the top: every `nabo` command would otherwise start by loading BullMQ.
  const [{ openJobClient }, { announceAssignment }, { whereUnreachable }] = await Promise.all([
    import('../../../jobs/start-jobs.js'),
    import('../../../jobs/assignment-jobs.js'),
    import('../../../jobs/enqueue-send.js'),
  ]);
  const config = runtime.config();
  const prefix = process.env[ENVIRONMENT_VARIABLES.queuePrefix];
  const jobs = openJobClient({
    db,
    redisUrl: config.redisUrl,
    platforms: await runtime.platforms(db),
    clock: { now: () => runtime.now() },
    ...(prefix ? { prefix } : {}),
  });
  try {
    const announcement = await announceAssignment(
      {
        db,
        queues: jobs.queues,
        messenger: jobs.messenger,
        reminders: jobs.reminders,
        logger: logger(),
      },
      area,
      month,
    );
    runtime.print(
      `Queued messages for ${announcement.ambassadorsQueued} ambassadors and ${announcement.coordinatorsQueued} coordinators; the worker sends them.`,
    );
    for (const entry of announcement.unreachable) {
      const person = await db.people.findById(entry.personId);
      runtime.print(
        `  cannot be reached (${whereUnreachable(entry.on)}): ${person?.name ?? entry.personId}`,
      );
    }
  } finally {
    await jobs.close();
  }
}

async function describePlan(
  db: NaboDatabase,
  area: Area,
  plan: AssignmentPlan,
  /** The area's unassigned households as the plan was made from them. */
  households: readonly Resident[],
): Promise<string[]> {
  const people = new Map<string, Person>(
    (await db.people.listByArea(area.id)).map((p) => [p.id, p]),
  );
  const residents = new Map<string, Resident>(
    households.map((resident) => [resident.id, resident]),
  );
  const name = (id: string): string => people.get(id)?.name ?? id;
  const door = (id: string): string => {
    const resident = residents.get(id);
    return resident ? [resident.address, resident.unit].filter(Boolean).join(', ') : id;
  };
  const lines = [
    `${area.name} (${area.key}), ${plan.month}: ${plan.assignments.length} to assign, ${plan.unassigned.length} left unassigned.`,
  ];
  for (const load of plan.ambassadors) {
    const mine = plan.assignments.filter((entry) => entry.ambassadorId === load.personId);
    lines.push(
      `  ${name(load.personId)}: +${load.planned} (already ${load.alreadyThisMonth} of ${load.capacity} this month)`,
    );
    for (const entry of mine) lines.push(`    ${door(entry.residentId)} [${entry.reason}]`);
  }
  for (const entry of plan.unassigned)
    lines.push(`  unassigned: ${door(entry.residentId)} [${entry.reason}]`);
  for (const entry of plan.excluded)
    lines.push(`  not included: ${name(entry.personId)} [${entry.reason}]`);
  return lines;
}
