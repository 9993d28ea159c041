import type { NaboDatabase } from '../../models/database.js';
import type { Person } from '../../models/types.js';
import type { Catalog } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';
import type { Logger } from '../../kernel/logger.js';
import type { CheckInScheduler } from '../check-ins/check-in-timers.js';
import type { MeetingTimerScheduler } from '../meetings/meeting-timers.js';
import type { ReminderScheduler } from '../reminders/reminder-scheduler.js';
import type { Clock } from '../../kernel/clock.js';
import type { InboundEvent, MessageRef } from './inbound.js';
import type { OutboundMessage, OutboundPort } from './outbound.js';
import type { PlatformRegistry } from './platform.js';

/** What the core needs from the world; the same for every adapter. */
export interface BotDependencies {
  db: NaboDatabase;
  outbound: OutboundPort;
  clock: Clock;
  /** Default zone and language when a person or area says nothing else. */
  timeZone: string;
  locale: Locale;
  logger: Logger;
  /** Schedules revisit reminders (jobs/ implements it); absent where no jobs run. */
  reminders?: ReminderScheduler;
  /**
   * Reaches a person outside the current conversation (a new ambassador's welcome). Adapters
   * implement it; absent in the console and tests, where the welcome waits for their first message.
   */
  notifier?: PersonNotifier;
  /** Meeting timers, agenda hand-out and proposals (jobs/meetings/); absent where no jobs run. */
  meetingTimers?: MeetingTimerScheduler;
  /** Check-in questions, reminders and coordinator alerts (jobs/meetings/). */
  checkInTimers?: CheckInScheduler;
  /** The platforms this process runs; a flow asks them what only a platform knows. */
  platforms?: PlatformRegistry;
}

/** Sends one message to a person wherever they use Nabo; 'unreachable' is an answer, not an error. */
export interface PersonNotifier {
  sendToPerson(personId: string, message: OutboundMessage): Promise<'sent' | 'unreachable'>;
}

/**
 * One turn of a conversation: who is talking, in which language, and how to answer. Flows get a
 * Turn and never see the platform.
 */
export interface Turn {
  readonly event: InboundEvent;
  readonly person: Person;
  readonly locale: Locale;
  readonly zone: string;
  readonly now: Date;
  readonly text: Catalog;
  readonly deps: BotDependencies;
  say(message: OutboundMessage | string): Promise<MessageRef>;
  replace(ref: MessageRef, message: OutboundMessage | string): Promise<void>;
}

export function asMessage(message: OutboundMessage | string): OutboundMessage {
  return typeof message === 'string' ? { text: message } : message;
}
