import { randomBytes } from 'node:crypto';
import { ConsoleAdapter } from '../adapters/console/console-adapter.js';
import {
  consoleHandleOf,
  consoleIdentity,
  createConsolePlatform,
} from '../adapters/console/platform.js';
import { TerminalOutbox } from '../adapters/console/terminal-outbox.js';
import { processClock } from '../kernel/clock.js';
import { UserError } from '../kernel/errors.js';
import { createLogger } from '../kernel/logger.js';
import { assignAndAnnounce } from '../jobs/assignment-jobs.js';
import type { MeetingJobs } from '../jobs/meetings/index.js';
import { assertRedisReachable } from '../jobs/redis-connection.js';
import type { RunningJobs } from '../jobs/start-jobs.js';
import { connectDatabase, type NaboDatabase } from '../models/database.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../models/embedded-mongo/index.js';
import type { Area, Person } from '../models/types.js';
import { assignmentMonthOf } from '../src/assignment/assignment-month.js';
import type { Config } from '../src/config/config.js';
import { demoExampleList } from '../src/demo/example-list.js';
import { DEMO_AREA_KEY, seedDemoEstate } from '../src/demo/seed.js';
import { writeDemoList } from '../adapters/cli/demo-list-file.js';
import { composeProcess, type NaboProcess } from './compose.js';

/**
 * `npm run demo` / `nabo demo`: a small but real Nabo in the terminal. The embedded MongoDB runs
 * in-process unless MONGODB_URI is set; the demo estate is seeded; the jobs run in-process on
 * their own Redis queues, so the month's hand-out arrives as it would on the 1st, and "/spol"
 * fast-forwards to the revisit reminders. You talk as one of the estate's people. `--now` (or
 * NABO_NOW) starts the demo's clock at another moment: the estate, the month's list and every
 * date Nabo reads or writes follow it. app/demo-command.ts has read the options and the
 * configuration: `start` is where the demo's clock starts, if not now.
 */
export async function runDemo(
  options: { as: string },
  config: Config,
  start: Date | undefined,
): Promise<void> {
  const clock = processClock(start);
  await assertRedisReachable(config.redisUrl);

  let embedded: EmbeddedMongo | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    // The server expires conversation states on the demo's clock, which stamps them.
    embedded = await startEmbeddedMongo({ now: () => clock.now().getTime() });
    uri = `${embedded.uri}nabo`;
  }
  const db = await connectDatabase(uri, { now: () => clock.now() });
  let nabo: NaboProcess | undefined;
  try {
    const estate = await seedDemoEstate(db, clock.now(), config.timeZone, consoleIdentity);
    const handle = options.as.trim().toLocaleLowerCase('da');
    const person = await db.people.findByIdentity(consoleIdentity(handle));
    if (!person) {
      throw new UserError(
        'NOT_FOUND',
        `There is nobody called "${options.as}" in the demo. Try --as Birgit, Ahmed, Lise or Mette.`,
      );
    }
    const area = await db.areas.findById(estate.areaId);
    if (!area) throw new Error('the demo area vanished');

    const terminal = new ConsoleAdapter(process.stdout);
    // In the demo everyone lives in this terminal: others' messages show as one line each.
    const outbox = new TerminalOutbox(terminal, handle, await firstNamesByHandle(db, area));
    nabo = await composeProcess(config, {
      role: 'demo',
      db,
      clock,
      // Logs go to standard error so they never mix with the conversation.
      logger: createLogger({ level: 'warn', destination: process.stderr }),
      // Queues of their own: a demo never touches a real worker's jobs, and cleans up after.
      queuePrefix: `nabo-demo-${randomBytes(4).toString('hex')}`,
      fastRecovery: true,
      platforms: () => [createConsolePlatform(terminal, outbox)],
    });
    const running = nabo.jobs as RunningJobs;
    const interactive = Boolean(process.stdin.isTTY);
    const role = person.roles.some((entry) => entry.role === 'coordinator')
      ? 'coordinator'
      : 'ambassador';
    console.log(
      `Nabo demo — ${DEMO_AREA_KEY} (${estate.seeded ? 'freshly seeded' : 'existing data'}). ` +
        `You are ${person.name} (${role}). Try "mine besøg" or "hjælp"; "/spol" jumps ahead ` +
        `to the revisit reminders` +
        (interactive ? '; Ctrl-D ends.' : '.'),
    );

    if (estate.seeded) {
      terminal.note(`— The 1st of the month, 09:00: Nabo hands out the new households —`);
      const { announcement } = await assignAndAnnounce(
        {
          db,
          queues: running.queues,
          messenger: running.messenger,
          reminders: running.reminders,
          logger: nabo.logger,
        },
        area,
        assignmentMonthOf(clock.now(), area.timeZone),
        clock.now(),
      );
      await outbox.waitForDeliveries(
        announcement.ambassadorsQueued + announcement.coordinatorsQueued,
      );
    }
    if (role === 'coordinator') {
      const list = await writeDemoList(
        await demoExampleList(db, area.id, clock.now(), area.timeZone),
      );
      terminal.note(
        `— This month's list from the housing organisation: write "importer ${list}" —`,
      );
    }

    const meetings = nabo.meetings;
    await terminal.converse(
      nabo.pipeline,
      { handle, firstName: person.name.split(' ')[0] ?? person.name },
      process.stdin,
      interactive,
      (line) =>
        demoControl(line, {
          jobs: running,
          meetings,
          db,
          person,
          area,
          outbox,
          terminal,
          now: () => clock.now(),
        }),
    );
  } finally {
    if (nabo) {
      await nabo.meetings.queue.obliterate({ force: true }).catch(() => undefined);
      await nabo.jobs.queues.obliterate().catch(() => undefined);
      await nabo.close();
    }
    await db.close();
    await embedded?.stop();
  }
}

interface DemoControls {
  jobs: RunningJobs;
  meetings: MeetingJobs;
  db: NaboDatabase;
  person: Person;
  area: Area;
  outbox: TerminalOutbox;
  terminal: ConsoleAdapter;
  now(): Date;
}

/**
 * The demo's stand-ins for time passing: "/spol" brings the revisit reminders of the coming days,
 * "/samtale" the check-in conversation that would come every six weeks.
 */
async function demoControl(line: string, controls: DemoControls): Promise<void> {
  if (/^\/(spol|ff|fast-?forward)\b/i.test(line)) {
    await fastForward(controls.jobs, controls.outbox, controls.terminal);
  } else if (/^\/(samtale|check-?in)\b/i.test(line)) {
    await checkInNow(controls);
  } else {
    controls.terminal.note(
      'Demo commands: /spol — jump ahead to the revisit reminders; /samtale — your check-in arrives now.',
    );
  }
}

/** A check-in for the person at the keyboard, as the six-weekly cadence would start it. */
async function checkInNow(controls: DemoControls): Promise<void> {
  const { db, person, area, meetings, outbox, terminal, now } = controls;
  if (!person.roles.some((role) => role.role === 'ambassador')) {
    terminal.note('— Check-ins are for ambassadors: try the demo with --as Birgit. —');
    return;
  }
  terminal.note('— Six weeks later —');
  const before = outbox.delivered;
  const checkIn = await db.checkIns.create({
    personId: person.id,
    areaId: area.id,
    due: now(),
    reason: 'cadence',
  });
  await meetings.checkInTimers.begin(checkIn.id);
  // The greeting, then the first question (openingMessages): the next typed line answers the
  // question, so its buttons must be there before the demo reads on.
  await outbox.waitForDeliveries(before + 2, 10_000);
}

/** "/spol": the revisit reminders that are due in the coming days arrive now. */
async function fastForward(
  jobs: RunningJobs,
  outbox: TerminalOutbox,
  terminal: ConsoleAdapter,
): Promise<void> {
  const due = (await jobs.queues.schedule.getDelayed()).filter(
    (job) => job.data.kind === 'revisit',
  );
  terminal.note(
    due.length === 0
      ? '— Nothing to remind about yet: report a visit with "ikke hjemme" first. —'
      : `— A few days later, 10:00 —`,
  );
  const before = outbox.delivered;
  for (const job of due) await job.promote();
  await outbox.waitForDeliveries(before + due.length, 10_000);
}

async function firstNamesByHandle(db: NaboDatabase, area: Area): Promise<Map<string, string>> {
  const people = await db.people.listByArea(area.id);
  return new Map(
    people.flatMap((person) => {
      const handle = consoleHandleOf(person);
      return handle ? [[handle, person.name.split(' ')[0] ?? person.name] as const] : [];
    }),
  );
}
