import { writeFile } from 'node:fs/promises';
import { Argument, type Command } from 'commander';
import type { NaboDatabase } from '../../../models/database.js';
import type { RetentionSettings } from '../../../models/types.js';
import { loadConfig } from '../../../src/config/config.js';
import { UserError } from '../../../kernel/errors.js';
import { applyRetention } from '../../../src/privacy/apply-retention.js';
import {
  erasePerson,
  eraseResident,
  type PersonErasure,
  type ResidentErasure,
} from '../../../src/privacy/erase-subject.js';
import {
  DEFAULT_RETENTION,
  GLOBAL_RETENTION,
  RETENTION_KEYS,
  retentionFor,
} from '../../../src/privacy/retention-settings.js';
import {
  exportPerson,
  exportResident,
  type Requester,
  type SubjectType,
} from '../../../src/privacy/subject-export.js';
import type { QueuedJobErasure } from '../../../jobs/retention/index.js';
import { ENVIRONMENT_VARIABLES } from '../../../jobs/settings.js';
import type { CliRuntime } from '../runtime.js';

/**
 * The data controller's commands (see PRIVACY.md):
 *   nabo export person|resident <id> [--out file]      access request
 *   nabo erase person|resident <id> [--close-open-visits]  erasure request (MongoDB and Redis)
 *   nabo retention show|set|run                         deletion deadlines
 */
export function registerPrivacyCommands(program: Command, runtime: CliRuntime): void {
  const operator: Requester = { platform: 'cli' };

  program
    .command('export')
    .description('Access request: everything stored about a person or household, as JSON')
    .addArgument(subjectArgument())
    .argument('<id>', 'the person or resident id')
    .option('--out <file>', 'write to this file (readable by you only) instead of printing')
    .action(async (kind: SubjectType, id: string, options: { out?: string }) => {
      const db = await runtime.openDatabase();
      try {
        const now = runtime.now();
        const exported =
          kind === 'resident'
            ? await exportResident(db, id, operator, now)
            : await exportPerson(db, id, operator, now);
        if (!options.out) {
          runtime.printJson(exported);
          return;
        }
        // The file holds personal data: only its owner may read it.
        await writeFile(options.out, `${JSON.stringify(exported, null, 2)}\n`, { mode: 0o600 });
        const documents = exported.related.reduce((sum, found) => sum + found.documents.length, 0);
        runtime.print(
          `Wrote the export of ${kind} ${id} to ${options.out}: ` +
            `${exported.record ? 'its record' : 'no record (erased)'}, ${documents} related documents, ` +
            `${exported.auditTrail.length} audit entries.`,
        );
      } finally {
        await db.close();
      }
    });

  program
    .command('erase')
    .description(
      'Erasure request: remove a person or household from MongoDB and Redis (safe to repeat)',
    )
    .addArgument(subjectArgument())
    .argument('<id>', 'the person or resident id')
    .option(
      '--close-open-visits',
      "a person's open visits are closed as not reached (otherwise the erasure refuses)",
    )
    .action(async (kind: SubjectType, id: string, options: { closeOpenVisits?: boolean }) => {
      // Redis first: an erasure must not stop half-way because the job store is down.
      const { redisUrl } = loadConfig();
      // Loaded here, not at the top: every `nabo` command would otherwise start by loading ioredis.
      const { assertRedisReachable } = await import('../../../jobs/redis-connection.js');
      await assertRedisReachable(redisUrl);
      const db = await runtime.openDatabase();
      try {
        const now = runtime.now();
        const erased =
          kind === 'resident'
            ? await eraseResident(db, id, operator, now)
            : await erasePerson(db, id, operator, {
                closeOpenVisits: options.closeOpenVisits === true,
              });
        const queued = await eraseFromRedis(redisUrl, erased.jobReferences);
        printErasure(runtime, erased, queued);
      } finally {
        await db.close();
      }
    });

  const retention = program
    .command('retention')
    .description('Deletion deadlines (slettefrister): show, change per area, apply now');

  retention
    .command('show')
    .description(
      "An area's deadlines (or every area's), with the defaults for what it does not set",
    )
    .option('--area <key>', 'only this area')
    .action(async (options: { area?: string }) => {
      const db = await runtime.openDatabase();
      try {
        const areas = options.area ? [await requireArea(db, options.area)] : await db.areas.list();
        for (const area of areas) {
          const settings = retentionFor(area);
          const own = area.settings.retention ?? {};
          runtime.print(
            `${area.key}: ` +
              RETENTION_KEYS.map(
                (key) => `${key}=${settings[key]}${own[key] === undefined ? '' : ' (own)'}`,
              ).join(', '),
          );
        }
        runtime.print(
          `all areas: conversationStateDays=${GLOBAL_RETENTION.conversationStateDays}, ` +
            `processedEventDays=${GLOBAL_RETENTION.processedEventDays}, ` +
            `auditMonths=${GLOBAL_RETENTION.auditMonths}`,
        );
      } finally {
        await db.close();
      }
    });

  const set = retention
    .command('set')
    .description("Change an area's deadlines (months); options left out keep their value")
    .requiredOption('--area <key>', 'area key, e.g. gellerup');
  for (const key of RETENTION_KEYS) {
    set.option(`--${kebab(key)} <months>`, `default ${DEFAULT_RETENTION[key]}`, parseMonths);
  }
  set.action(async (options: { area: string } & Partial<RetentionSettings>) => {
    const changes: Partial<RetentionSettings> = {};
    for (const key of RETENTION_KEYS) {
      if (options[key] !== undefined) changes[key] = options[key];
    }
    if (Object.keys(changes).length === 0) {
      throw new UserError(
        'INVALID_INPUT',
        'Name at least one deadline to change, e.g. --visit-notes-months 2',
      );
    }
    const db = await runtime.openDatabase();
    try {
      const area = await requireArea(db, options.area);
      await db.privacy.setAreaRetention(area.id, changes);
      await db.auditEvents.record({
        action: 'retention.changed',
        subjectType: 'area',
        subjectId: area.id,
        platform: 'cli',
        details: { ...changes },
      });
      const updated = await requireArea(db, options.area);
      const settings = retentionFor(updated);
      runtime.print(
        `Deadlines for ${updated.key}: ` +
          RETENTION_KEYS.map((key) => `${key}=${settings[key]}`).join(', '),
      );
    } finally {
      await db.close();
    }
  });

  retention
    .command('run')
    .description('Apply the deadlines now (the worker does this every night at 03:30)')
    .action(async () => {
      const db = await runtime.openDatabase();
      try {
        const counts = await applyRetention(db, runtime.now());
        runtime.print(
          Object.entries(counts)
            .map(([rule, count]) => `${rule}: ${count}`)
            .join(', '),
        );
      } finally {
        await db.close();
      }
    });
}

function subjectArgument(): Argument {
  return new Argument('<kind>', 'person or resident').choices(['person', 'resident']);
}

async function requireArea(db: NaboDatabase, key: string) {
  const area = await db.areas.findByKey(key);
  if (!area) throw new UserError('NOT_FOUND', `Unknown area '${key}'`);
  return area;
}

async function eraseFromRedis(redisUrl: string, ids: readonly string[]): Promise<QueuedJobErasure> {
  const [{ DEFAULT_QUEUE_PREFIX }, { createRedisConnection }, { eraseQueuedJobs }] =
    await Promise.all([
      import('../../../jobs/job-queues.js'),
      import('../../../jobs/redis-connection.js'),
      import('../../../jobs/retention/index.js'),
    ]);
  const prefix = process.env[ENVIRONMENT_VARIABLES.queuePrefix]?.trim() || DEFAULT_QUEUE_PREFIX;
  const connection = createRedisConnection(redisUrl);
  try {
    return await eraseQueuedJobs(connection, prefix, ids);
  } finally {
    connection.disconnect();
  }
}

function printErasure(
  runtime: CliRuntime,
  erased: ResidentErasure | PersonErasure,
  queued: QueuedJobErasure,
): void {
  const { type, id } = erased.subject;
  const jobs = queued.jobsRemoved + queued.schedulersRemoved;
  if (!erased.erased && jobs === 0 && queued.keysRemoved === 0) {
    runtime.print(`Nothing to erase for ${type} ${id}: it is already erased.`);
  } else if ('householdBlanked' in erased) {
    runtime.print(
      `Erased resident ${id}: personal fields ${erased.householdBlanked ? 'blanked' : 'already blank'}, ` +
        `${erased.notesDeleted} notes deleted, ${erased.openVisitsClosed} open visits closed, ` +
        `${erased.conversationStatesDeleted} conversation states and ${jobs} queued jobs removed.`,
    );
  } else {
    const traces = erased.traces;
    runtime.print(
      `Erased person ${id}: record ${erased.recordDeleted ? 'deleted' : 'already gone'}, ` +
        `${traces.conversationLinks} conversation links, ${traces.conversationStates} conversation states, ` +
        `${traces.checkIns} check-ins, ${traces.sendLedgerEntries} send records, ` +
        `${traces.eventInvitations} event invitations, ` +
        `${erased.openVisitsClosed} open visits closed, ${jobs} queued jobs removed.`,
    );
  }
  if (queued.stillRunning > 0) {
    runtime.print(
      `${queued.stillRunning} jobs are running right now and were left alone: run the erasure again in a minute.`,
    );
  }
  for (const other of erased.otherReferences) {
    runtime.print(
      `Note: ${other.count} ${other.collection} records still name this ${type} by id; ` +
        'this command does not change them.',
    );
  }
}

function parseMonths(value: string): number {
  const months = Number(value);
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new UserError(
      'INVALID_INPUT',
      `Months must be a whole number from 1 to 120, got '${value}'`,
    );
  }
  return months;
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
