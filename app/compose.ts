import type { Redis } from 'ioredis';
import type { HostedPlatform } from '../adapters/http/hosted-platform.js';
import type { PlatformContext } from '../adapters/platform.js';
import { processClock, type Clock } from '../kernel/clock.js';
import { createLogger, setLogger, type Logger } from '../kernel/logger.js';
import { createMeetingDelivery } from '../jobs/meetings/meeting-delivery.js';
import { createMeetingJobs, type MeetingJobs } from '../jobs/meetings/index.js';
import { createRedisConnection } from '../jobs/redis-connection.js';
import { createRetentionJobs, type RetentionJobs } from '../jobs/retention/index.js';
import {
  isEvictionCheckSkipped,
  queuePrefixFromEnvironment,
  reconcileIntervalFromEnvironment,
  sendConcurrencyFromEnvironment,
} from '../jobs/settings.js';
import { finishesWithin } from '../jobs/bounded-redis.js';
import {
  DEFAULT_CLOSE_TIMEOUT_MS,
  openJobClient,
  startJobs,
  type JobClient,
  type RunningJobs,
} from '../jobs/start-jobs.js';
import { connectDatabase, type NaboDatabase } from '../models/database.js';
import { databaseUri, refusesEmbeddedMongo, type Config } from '../src/config/config.js';
import { createPersonNotifier } from '../src/core/person-notifier.js';
import { createInboundPipeline, type InboundPipeline } from '../src/core/pipeline.js';
import {
  createPlatformRegistry,
  type MutablePlatformRegistry,
  type PlatformAdapter,
  type PlatformRegistry,
} from '../src/core/platform.js';
import type { Locale } from '../src/i18n/locale.js';
import type { BotDependencies } from '../src/core/turn.js';
import { allFlows } from '../src/core/all-flows.js';

/**
 * The composition root: builds a Nabo process — database, queues, platforms, the inbound
 * pipeline and the jobs — once, the same way for the web process, the worker, the demo and the
 * tests that run them. Nothing else in Nabo wires parts together.
 *
 *   web     hosts the platforms' endpoints; queues work (reminders, meeting timers) for the worker
 *   worker  runs the jobs: hand-outs, reminders, meeting timers, check-ins, deletion deadlines
 *   demo    both, in one process, for one person at the terminal
 */
export type ProcessRole = 'web' | 'worker' | 'demo';

export interface ProcessOptions {
  role: ProcessRole;
  /** The process's platforms, built with the context the composition gives them. */
  platforms: (
    context: PlatformContext,
  ) =>
    | ReadonlyArray<HostedPlatform | PlatformAdapter>
    | Promise<ReadonlyArray<HostedPlatform | PlatformAdapter>>;
  clock?: Clock;
  logger?: Logger;
  /** An open database (the demo's embedded one, a test's); else MONGODB_URI is opened. */
  db?: NaboDatabase;
  /** Redis key prefix of every queue (NABO_QUEUE_PREFIX); the demo and tests use their own. */
  queuePrefix?: string;
  /** Short lock settings for processes that must recover fast (the demo, tests). */
  fastRecovery?: boolean;
}

export interface NaboProcess {
  config: Config;
  db: NaboDatabase;
  logger: Logger;
  clock: Clock;
  platforms: PlatformRegistry;
  /** The platforms with endpoints to mount (Slack, Teams), in registration order. */
  hosted: HostedPlatform[];
  pipeline: InboundPipeline;
  /** The producer side everywhere; running workers too in the worker and the demo. */
  jobs: JobClient | RunningJobs;
  meetings: MeetingJobs;
  /** The connection for /healthz and the meeting queue. */
  redis: Redis;
  close(): Promise<void>;
}

export async function composeProcess(
  config: Config,
  options: ProcessOptions,
): Promise<NaboProcess> {
  // NABO_NOW (tests and local runs, never production) starts this process's clock elsewhere.
  const clock = options.clock ?? processClock(config.now);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  setLogger(logger);
  const queuePrefix = options.queuePrefix ?? queuePrefixFromEnvironment().prefix;
  const prefix = queuePrefix ? { prefix: queuePrefix } : {};
  const runsJobs = options.role !== 'web';
  const ownsDatabase = options.db === undefined;
  const db =
    options.db ??
    (await connectDatabase(databaseUri(config), {
      now: () => clock.now(),
      refuseEmbedded: refusesEmbeddedMongo(config),
    }));
  // Built below, in this order; closed in the reverse one (running jobs finish first).
  let jobs: JobClient | undefined;
  let running: RunningJobs | undefined;
  let redis: Redis | undefined;
  let meetings: MeetingJobs | undefined;
  let retention: { jobs: RetentionJobs; connection: Redis } | undefined;
  const close = async (): Promise<void> => {
    // Each part's close is bounded: a BullMQ worker still waiting out a Redis reconnect would hold
    // the stop for as long as that takes (the process itself exits within its own bound too).
    if (meetings) await finishesWithin(meetings.close(), DEFAULT_CLOSE_TIMEOUT_MS);
    if (retention) {
      const { jobs: retentionJobs, connection } = retention;
      // Past the bound its connection is dropped.
      const closed = await finishesWithin(
        retentionJobs.close().then(() => connection.quit()),
        DEFAULT_CLOSE_TIMEOUT_MS,
      );
      if (!closed) connection.disconnect();
    }
    await (running ?? jobs)?.close();
    if (redis && redis.status !== 'end') await redis.quit().catch(() => redis?.disconnect());
    if (ownsDatabase) await db.close();
  };

  try {
    // The platforms are filled in below; the jobs and the notifier read the registry when they
    // send, so they may be built before it is full.
    const platforms = createPlatformRegistry();
    const client = openJobClient({
      db,
      redisUrl: config.redisUrl,
      platforms,
      clock,
      logger,
      ...prefix,
    });
    jobs = client;
    const connection = createRedisConnection(config.redisUrl, { forWorker: runsJobs });
    connection.on('error', (error) => logger.warn({ err: error }, 'redis connection problem'));
    redis = connection;
    const meetingJobs = createMeetingJobs({
      connection,
      db,
      clock,
      logger,
      timeZone: config.timeZone,
      ...prefix,
      ...(options.fastRecovery ? { worker: { lockDuration: 2_000, stalledInterval: 1_000 } } : {}),
      // Agenda hand-outs and check-ins reach people the way assignments do; a running
      // meeting's timers speak in the conversation where it was started.
      deliver: createMeetingDelivery({ db, platforms, messenger: client.messenger, logger }),
    });
    meetings = meetingJobs;

    const conversation = composeConversation(
      {
        db,
        platforms,
        clock,
        logger,
        timeZone: config.timeZone,
        locale: config.locale,
        ...(config.testTurnDelayMs ? { turnDelayMs: config.testTurnDelayMs } : {}),
      },
      {
        reminders: client.reminders,
        eventReminders: client.reminders,
        meetingTimers: meetingJobs.timers,
        checkInTimers: meetingJobs.checkInTimers,
      },
    );
    const hosted: HostedPlatform[] = [];
    for (const platform of await options.platforms(conversation.context)) {
      const registered = conversation.register(platform);
      if ('adapter' in registered) hosted.push(registered);
    }

    if (runsJobs) {
      running = await startJobs({
        db,
        redisUrl: config.redisUrl,
        platforms,
        client,
        clock,
        logger,
        sendConcurrency: sendConcurrencyFromEnvironment(),
        reconcileIntervalMs: reconcileIntervalFromEnvironment(),
        checkEviction: !isEvictionCheckSkipped(),
        // Meeting and check-in timers a web turn could not queue while Redis was away.
        alsoRebuild: () => meetingJobs.reconcile(),
        ...(options.fastRecovery ? { lockDurationMs: 2_000, stalledIntervalMs: 1_000 } : {}),
        ...prefix,
      });
      await meetingJobs.startWorker();
    }
    if (options.role === 'worker') {
      // The deletion deadlines (slettefrister) run daily on their own scheduler.
      const retentionConnection = createRedisConnection(config.redisUrl, { forWorker: true });
      const retentionJobs = createRetentionJobs({
        connection: retentionConnection,
        db,
        logger,
        clock,
        timeZone: config.timeZone,
        ...prefix,
      });
      retention = { jobs: retentionJobs, connection: retentionConnection };
      await retentionJobs.schedule();
      retentionJobs.startWorker();
    }

    return {
      config,
      db,
      logger,
      clock,
      platforms,
      hosted,
      pipeline: conversation.pipeline,
      jobs: running ?? client,
      meetings: meetingJobs,
      redis: connection,
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** What a conversation needs from the process it runs in. */
export interface ConversationSettings {
  db: NaboDatabase;
  /** Filled by `register`; created here when not given. */
  platforms?: MutablePlatformRegistry;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  locale: Locale;
  /** Tests only: NABO_TEST_TURN_DELAY_MS (see PipelineOptions). */
  turnDelayMs?: number;
}

/** The jobs' ports the flows use, where jobs run or are queued. */
export type ConversationServices = Pick<
  BotDependencies,
  'reminders' | 'eventReminders' | 'meetingTimers' | 'checkInTimers'
>;

export interface Conversation {
  platforms: MutablePlatformRegistry;
  /** The one way in, shared by every platform of the process. */
  pipeline: InboundPipeline;
  /** What each platform is built with. */
  context: PlatformContext;
  /** Registers a platform built with `context`; a hosted one comes back for its endpoints. */
  register<P extends HostedPlatform | PlatformAdapter>(platform: P): P;
}

/**
 * The conversational half of a process: the platform registry, the notifier that reaches people
 * on it, and the inbound pipeline with every flow. The web process, the worker, the demo and the
 * adapters' end-to-end tests all build it here.
 */
export function composeConversation(
  settings: ConversationSettings,
  services: ConversationServices = {},
): Conversation {
  const platforms = settings.platforms ?? createPlatformRegistry();
  const { db, clock, logger, locale } = settings;
  const deps: BotDependencies = {
    db,
    platforms,
    clock,
    timeZone: settings.timeZone,
    locale,
    logger,
    notifier: createPersonNotifier(db, platforms),
    ...services,
  };
  const pipeline = createInboundPipeline(
    deps,
    allFlows,
    settings.turnDelayMs ? { turnDelayMs: settings.turnDelayMs } : {},
  );
  return {
    platforms,
    pipeline,
    context: { db, clock, logger, locale, pipeline },
    register(platform) {
      platforms.register('adapter' in platform ? platform.adapter : platform);
      return platform;
    },
  };
}
