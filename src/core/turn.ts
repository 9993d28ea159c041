import type { NaboDatabase } from '../../models/database.js';
import type {
  Area,
  CheckIn,
  ConversationState,
  Person,
  VisitWithResident,
} from '../../models/types.js';
import type { Catalog } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';
import type { Logger } from '../../kernel/logger.js';
import type { CheckInScheduler } from '../check-ins/check-in-timers.js';
import type { MeetingTimerScheduler } from '../meetings/meeting-timers.js';
import type { ReminderScheduler } from '../visits/reminder-scheduler.js';
import type { EventReminderScheduler } from '../events/event-reminders.js';
import type { Clock } from '../../kernel/clock.js';
import type { IncomingFile, MessageRef, PersonEvent, SharedFile } from './inbound.js';
import type { OutboundMessage } from './outbound.js';
import type { PlatformAdapter, PlatformRegistry } from './platform.js';

/** What the core needs from the world; the same for every platform. */
export interface BotDependencies {
  db: NaboDatabase;
  /** The platforms this process runs: answers go out through the event's platform. */
  platforms: PlatformRegistry;
  clock: Clock;
  /** Default zone and language when a person or area says nothing else. */
  timeZone: string;
  locale: Locale;
  logger: Logger;
  /** Schedules revisit reminders (jobs/ implements it); absent where no jobs run. */
  reminders?: ReminderScheduler;
  /**
   * Reaches a person outside the current conversation (a new ambassador's welcome). Absent in
   * tests, where the welcome waits for their first message.
   */
  notifier?: PersonNotifier;
  /** Meeting timers, agenda hand-out and proposals (jobs/meetings/); absent where no jobs run. */
  meetingTimers?: MeetingTimerScheduler;
  /** Check-in questions, reminders and coordinator alerts (jobs/meetings/). */
  checkInTimers?: CheckInScheduler;
  /** The day-before reminder of a course, talk or social event (jobs/); absent where no jobs run. */
  eventReminders?: EventReminderScheduler;
}

/** Sends one message to a person wherever they use Nabo; 'unreachable' is an answer, not an error. */
export interface PersonNotifier {
  sendToPerson(personId: string, message: OutboundMessage): Promise<'sent' | 'unreachable'>;
}

/**
 * One turn of a conversation: who is talking, in which language, whether names may be shown
 * here, and how to answer. Flows get a Turn and never see the platform.
 */
export interface Turn {
  readonly event: PersonEvent;
  readonly person: Person;
  /**
   * Read once with the person when the turn starts (one command), so no flow asks MongoDB again;
   * rememberStep and forgetStep (flow.ts) keep `state` current as the turn changes it.
   */
  readonly held: HeldConversation;
  readonly locale: Locale;
  readonly zone: string;
  readonly now: Date;
  readonly text: Catalog;
  /**
   * Residents' names, addresses and notes may be shown in this conversation: it is one-to-one
   * with the bot and no other organisation can read it.
   */
  readonly mayShowPersonalData: boolean;
  readonly deps: BotDependencies;
  /** The platform the person talks through, for what only it knows. */
  readonly platform: PlatformAdapter;
  say(message: OutboundMessage | string): Promise<MessageRef>;
  replace(ref: MessageRef, message: OutboundMessage | string): Promise<void>;
  /** A shared file with its content fetched on demand by the platform it came from. */
  received(file: SharedFile): IncomingFile;
}

/** The conversation state and the open check-in, as the turn holds them. */
export interface HeldConversation {
  state: ConversationState | null;
  openCheckIn: CheckIn | null;
  /** The areas the person has a role in, as read at the start of the turn. */
  areas: readonly Area[];
  /**
   * The person's open visits as read at the start of the turn, when the pipeline saw the turn
   * would list them (see listsOpenVisits); otherwise not read.
   */
  openVisits?: readonly VisitWithResident[];
  /** Their most recently closed visits (newest first), read the same way for a report. */
  recentlyClosedVisits?: readonly VisitWithResident[];
}

export function asMessage(message: OutboundMessage | string): OutboundMessage {
  return typeof message === 'string' ? { text: message } : message;
}
