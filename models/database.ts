import type { CommandStartedEvent } from 'mongodb';
import mongoose, { type Connection, type Model, type Schema } from 'mongoose';
import { NaboError } from '../kernel/errors.js';
import { logger } from '../kernel/logger.js';
import { migratePersonIdentities } from './migrations/person-identities.js';
import { isEmbeddedMongo } from './embedded-mongo/detect.js';
import { watchForStuckWrites } from './stuck-write-watchdog.js';
import { createAreaRepository, type AreaRepository } from './repositories/areas.js';
import {
  createAuditEventRepository,
  type AuditEventRepository,
} from './repositories/audit-events.js';
import { createCheckInRepository, type CheckInRepository } from './repositories/check-ins.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import {
  createConversationLinkRepository,
  type ConversationLinkRepository,
} from './repositories/conversation-links.js';
import {
  createConversationReferenceRepository,
  type ConversationReferenceRepository,
} from './repositories/conversation-references.js';
import {
  createConversationStateRepository,
  type ConversationStateRepository,
} from './repositories/conversation-states.js';
import { createInboxRepository, type InboxRepository } from './repositories/inbox.js';
import { createMeetingRepository, type MeetingRepository } from './repositories/meetings.js';
import { createPersonRepository, type PersonRepository } from './repositories/people.js';
import { createPrivacyRepository, type PrivacyRepository } from './repositories/privacy.js';
import {
  createProgrammeReportRepository,
  type ProgrammeReportRepository,
} from './repositories/programme-report.js';
import {
  createProcessedEventRepository,
  type ProcessedEventRepository,
} from './repositories/processed-events.js';
import { createResidentRepository, type ResidentRepository } from './repositories/residents.js';
import {
  createSendLedgerRepository,
  type SendLedgerRepository,
} from './repositories/send-ledger.js';
import { createVisitRepository, type VisitRepository } from './repositories/visits.js';
import {
  createWelcomeFolderRepository,
  type WelcomeFolderRepository,
} from './repositories/welcome-folders.js';
import { createFollowUpRepository, type FollowUpRepository } from './repositories/follow-ups.js';
import {
  createTurnContextRepository,
  type TurnContextRepository,
} from './repositories/turn-context.js';
import {
  createSlackInstallationRepository,
  type SlackInstallationRepository,
} from './repositories/slack-installations.js';
import {
  createAccompanimentRepository,
  type AccompanimentRepository,
} from './repositories/accompaniments.js';
import {
  createCommunityEventRepository,
  type CommunityEventRepository,
} from './repositories/community-events.js';
import { AREA_MODEL, areaSchema, type AreaDoc } from './schemas/area.js';
import { AUDIT_EVENT_MODEL, auditEventSchema, type AuditEventDoc } from './schemas/audit-event.js';
import { CHECK_IN_MODEL, checkInSchema, type CheckInDoc } from './schemas/check-in.js';
import {
  CONVERSATION_LINK_MODEL,
  conversationLinkSchema,
  type ConversationLinkDoc,
} from './schemas/conversation-link.js';
import {
  CONVERSATION_REFERENCE_MODEL,
  conversationReferenceSchema,
  type ConversationReferenceDoc,
} from './schemas/conversation-reference.js';
import {
  CONVERSATION_STATE_MODEL,
  conversationStateSchema,
  type ConversationStateDoc,
} from './schemas/conversation-state.js';
import { INBOX_ENTRY_MODEL, inboxEntrySchema, type InboxEntryDoc } from './schemas/inbox-entry.js';
import { MEETING_MODEL, meetingSchema, type MeetingDoc } from './schemas/meeting.js';
import { PERSON_MODEL, personSchema, type PersonDoc } from './schemas/person.js';
import {
  PROCESSED_EVENT_MODEL,
  processedEventSchema,
  type ProcessedEventDoc,
} from './schemas/processed-event.js';
import { RESIDENT_MODEL, residentSchema, type ResidentDoc } from './schemas/resident.js';
import { SEND_LEDGER_MODEL, sendLedgerSchema, type SendLedgerDoc } from './schemas/send-ledger.js';
import { VISIT_MODEL, visitSchema, type VisitDoc } from './schemas/visit.js';
import {
  WELCOME_FOLDER_MODEL,
  welcomeFolderSchema,
  type WelcomeFolderDoc,
} from './schemas/welcome-folder.js';
import { FOLLOW_UP_MODEL, followUpSchema, type FollowUpDoc } from './schemas/follow-up.js';
import {
  SLACK_INSTALLATION_MODEL,
  slackInstallationSchema,
  type SlackInstallationDoc,
} from './schemas/slack-installation.js';
import {
  ACCOMPANIMENT_MODEL,
  accompanimentSchema,
  type AccompanimentDoc,
} from './schemas/accompaniment.js';
import {
  COMMUNITY_EVENT_MODEL,
  communityEventSchema,
  type CommunityEventDoc,
} from './schemas/community-event.js';

export type * from './types.js';
export type { NewVisitAttempt } from './repositories/visits.js';
export type { TurnContext, TurnContextOptions } from './repositories/turn-context.js';
export type { InboxAcceptance, ResumableEntry } from './repositories/inbox.js';
export type {
  PersonTraceCounts,
  PrivacyRepository,
  ResidentRetentionFacts,
  StoredCollection,
  StoredRecord,
  VisitRetentionFacts,
} from './repositories/privacy.js';
export type {
  AttemptFact,
  CheckInFact,
  HouseholdFact,
  MeetingFact,
  ProgrammeFacts,
  ProgrammeFactsWindow,
  ProgrammeReportRepository,
  VisitFact,
} from './repositories/programme-report.js';
export type {
  AreaRepository,
  AuditEventRepository,
  CheckInRepository,
  ConversationLinkRepository,
  ConversationReferenceRepository,
  ConversationStateRepository,
  InboxRepository,
  MeetingRepository,
  PersonRepository,
  ProcessedEventRepository,
  ResidentRepository,
  SendLedgerRepository,
  VisitRepository,
  WelcomeFolderRepository,
  FollowUpRepository,
  SlackInstallationRepository,
  CommunityEventRepository,
  AccompanimentRepository,
};
export type {
  SealedSlackInstallations,
  SlackInstallationKey,
  SlackInstallationRecord,
} from './repositories/slack-installations.js';
export { createSecretBox, parseSecretKey, type SecretBox } from './secret-box.js';

/** Nabo's store: one repository per aggregate, plain domain objects in and out. */
export interface NaboDatabase {
  areas: AreaRepository;
  people: PersonRepository;
  residents: ResidentRepository;
  visits: VisitRepository;
  meetings: MeetingRepository;
  checkIns: CheckInRepository;
  conversationStates: ConversationStateRepository;
  conversationLinks: ConversationLinkRepository;
  /** Platform addresses of conversations by key (Teams card updates), forgotten when silent. */
  conversationReferences: ConversationReferenceRepository;
  sendLedger: SendLedgerRepository;
  auditEvents: AuditEventRepository;
  processedEvents: ProcessedEventRepository;
  /** Every inbound event, stored before it is acknowledged, until its turn is done. */
  inbox: InboxRepository;
  /** Deletion deadlines, access and erasure requests (src/privacy). */
  privacy: PrivacyRepository;
  /** The programme report's counts, read in bulk (src/programme-report). */
  programmeReport: ProgrammeReportRepository;
  welcomeFolders: WelcomeFolderRepository;
  followUps: FollowUpRepository;
  /** The person, their conversation state and open check-in in one read: the start of a turn. */
  turnContext: TurnContextRepository;
  /** Slack OAuth installations, tokens sealed (adapters/slack in OAuth mode). */
  slackInstallations: SlackInstallationRepository;
  /** Courses, talks and social events for the ambassadors, with their answers (src/events). */
  communityEvents: CommunityEventRepository;
  /** Going along with a new resident the first time (følgeskab), and how it went (src/accompaniment). */
  accompaniments: AccompanimentRepository;
  /** Resolves when the server answers (health checks). */
  ping(): Promise<void>;
  /**
   * True when the server is Nabo's embedded, in-memory MongoDB (tests, demo, `nabo dev-db`),
   * whose data is gone on every restart; false for a real MongoDB. See embedded-mongo/detect.ts.
   */
  isEmbeddedServer(): Promise<boolean>;
  /** Drops the whole database. For tests and the demo only. */
  drop(): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Overrides the database named in the URI (tests use one per file). */
  dbName?: string;
  /** How long to look for the server before giving up (default 5 s); the CLI fails faster. */
  serverSelectionTimeoutMS?: number;
  /** "Now" for the timestamps the repositories set themselves; tests may fix it. */
  now?: () => Date;
  /**
   * Receives every command the driver sends (command monitoring), for tests that count
   * round trips (test/support/command-counter.ts). Off unless given.
   */
  commandListener?: (event: CommandStartedEvent) => void;
  /**
   * Refuse a server that reports itself as Nabo's embedded, in-memory one (production, unless
   * NABO_ALLOW_EMBEDDED_MONGODB=1): its data would be gone on the next restart.
   */
  refuseEmbedded?: boolean;
}

/** The one line production prints when MONGODB_URI leads to the embedded server. */
export const EMBEDDED_REFUSED_MESSAGE =
  "MONGODB_URI leads to Nabo's embedded in-memory MongoDB (nabo dev-db), whose data is gone on every restart: refused in production (NABO_ALLOW_EMBEDDED_MONGODB=1 allows it, for smoke tests only)";

/**
 * Opens a private connection (not mongoose's global one, so tests and tools can hold several)
 * and waits until every index exists: the invariants (unique keys, one open visit per household,
 * TTLs) live in indexes, so no repository may be used before they are built.
 */
export async function connectDatabase(
  uri: string,
  options: ConnectOptions = {},
): Promise<NaboDatabase> {
  const clock: Clock = options.now ? { now: options.now } : systemClock;
  // A mongoose instance of its own, so createdAt/updatedAt come from this connection's clock:
  // flows compare them with the injected "now" (first-visit deadlines, "over fristen"), and a
  // test or demo with a fixed now must not mix it with the wall clock.
  const instance = new mongoose.Mongoose();
  instance.now = () => clock.now();
  const connection = instance.createConnection(uri, {
    autoIndex: true,
    autoCreate: true,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5_000,
    ...(options.dbName !== undefined ? { dbName: options.dbName } : {}),
    ...(options.commandListener !== undefined ? { monitorCommands: true } : {}),
  });
  try {
    await connection.asPromise();
    if (options.refuseEmbedded && connection.db && (await isEmbeddedMongo(connection.db))) {
      throw new NaboError('CONFIG_INVALID', EMBEDDED_REFUSED_MESSAGE, { userFacing: true });
    }
    if (options.commandListener !== undefined) {
      connection.getClient().on('commandStarted', options.commandListener);
    }
    const models = registerModels(connection);
    for (const model of Object.values(models)) {
      // init() waits for the automatic index build; syncIndexes() also replaces indexes whose
      // definition changed (e.g. a new partial filter), which init() alone would leave stale.
      await model.init();
      await model.syncIndexes();
    }
    // After the indexes: syncIndexes has dropped the per-platform identity indexes by then.
    await migratePersonIdentities(models.people.collection);
    ensureIndexesOnReconnect(connection, models);
    watchForStuckWrites(connection.getClient(), connection.name);
    return {
      areas: createAreaRepository(models.areas),
      people: createPersonRepository(models.people),
      residents: createResidentRepository(models.residents, models.visits),
      visits: createVisitRepository(models.visits, models.residents, clock),
      meetings: createMeetingRepository(models.meetings),
      checkIns: createCheckInRepository(models.checkIns),
      conversationStates: createConversationStateRepository(models.conversationStates, clock),
      conversationLinks: createConversationLinkRepository(models.conversationLinks),
      conversationReferences: createConversationReferenceRepository(
        models.conversationReferences,
        clock,
      ),
      sendLedger: createSendLedgerRepository(models.sendLedger, clock),
      auditEvents: createAuditEventRepository(models.auditEvents, clock),
      processedEvents: createProcessedEventRepository(models.processedEvents, clock),
      inbox: createInboxRepository(models.inbox, clock),
      privacy: createPrivacyRepository(connection),
      programmeReport: createProgrammeReportRepository(models),
      welcomeFolders: createWelcomeFolderRepository(models.welcomeFolders),
      followUps: createFollowUpRepository(models.followUps),
      turnContext: createTurnContextRepository(
        models.people,
        models.conversationStates,
        models.checkIns,
        models.areas,
        models.visits,
        models.residents,
        clock,
      ),
      slackInstallations: createSlackInstallationRepository(models.slackInstallations),
      communityEvents: createCommunityEventRepository(models.communityEvents),
      accompaniments: createAccompanimentRepository(models.accompaniments),
      async ping() {
        const db = connection.db;
        if (!db) throw new NaboError('DEPENDENCY_UNAVAILABLE', 'MongoDB connection is not open');
        await db.command({ ping: 1 });
      },
      async isEmbeddedServer() {
        const db = connection.db;
        if (!db) throw new NaboError('DEPENDENCY_UNAVAILABLE', 'MongoDB connection is not open');
        return isEmbeddedMongo(db);
      },
      async drop() {
        await connection.dropDatabase();
      },
      async close() {
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close().catch(() => undefined);
    if (error instanceof NaboError && error.code === 'CONFIG_INVALID') throw error;
    throw new NaboError('DEPENDENCY_UNAVAILABLE', `Could not open MongoDB: ${describe(error)}`, {
      cause: error,
    });
  }
}

/**
 * A server that comes back after losing the connection may have come back empty (`nabo dev-db`
 * restarted, a fresh container): the collections are created again by the next writes, but not
 * their indexes, and without them nothing is unique any more (events, visits, people). So on
 * every reconnect each model's indexes are created again — a no-op where they still exist.
 */
function ensureIndexesOnReconnect(
  connection: Connection,
  models: ReturnType<typeof registerModels>,
): void {
  let ensuring: Promise<void> = Promise.resolve();
  connection.on('reconnected', () => {
    ensuring = ensuring.then(async () => {
      try {
        for (const model of Object.values(models)) await model.createIndexes();
        logger().info({ db: connection.name }, 'indexes ensured after reconnect');
      } catch (error) {
        logger().warn({ err: error, db: connection.name }, 'indexes not ensured after reconnect');
      }
    });
  });
}

function registerModels(connection: Connection) {
  const model = <T>(name: string, schema: Schema<T>): Model<T> => connection.model<T>(name, schema);
  return {
    areas: model<AreaDoc>(AREA_MODEL, areaSchema),
    people: model<PersonDoc>(PERSON_MODEL, personSchema),
    residents: model<ResidentDoc>(RESIDENT_MODEL, residentSchema),
    visits: model<VisitDoc>(VISIT_MODEL, visitSchema),
    meetings: model<MeetingDoc>(MEETING_MODEL, meetingSchema),
    checkIns: model<CheckInDoc>(CHECK_IN_MODEL, checkInSchema),
    conversationStates: model<ConversationStateDoc>(
      CONVERSATION_STATE_MODEL,
      conversationStateSchema,
    ),
    conversationLinks: model<ConversationLinkDoc>(CONVERSATION_LINK_MODEL, conversationLinkSchema),
    conversationReferences: model<ConversationReferenceDoc>(
      CONVERSATION_REFERENCE_MODEL,
      conversationReferenceSchema,
    ),
    sendLedger: model<SendLedgerDoc>(SEND_LEDGER_MODEL, sendLedgerSchema),
    auditEvents: model<AuditEventDoc>(AUDIT_EVENT_MODEL, auditEventSchema),
    processedEvents: model<ProcessedEventDoc>(PROCESSED_EVENT_MODEL, processedEventSchema),
    inbox: model<InboxEntryDoc>(INBOX_ENTRY_MODEL, inboxEntrySchema),
    welcomeFolders: model<WelcomeFolderDoc>(WELCOME_FOLDER_MODEL, welcomeFolderSchema),
    followUps: model<FollowUpDoc>(FOLLOW_UP_MODEL, followUpSchema),
    slackInstallations: model<SlackInstallationDoc>(
      SLACK_INSTALLATION_MODEL,
      slackInstallationSchema,
    ),
    communityEvents: model<CommunityEventDoc>(COMMUNITY_EVENT_MODEL, communityEventSchema),
    accompaniments: model<AccompanimentDoc>(ACCOMPANIMENT_MODEL, accompanimentSchema),
  };
}

/** Connection failures name the host, never credentials that a URI may carry. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\/\/[^@/\s]+@/g, '//***@');
}
