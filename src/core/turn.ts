import type { NaboDatabase } from '../../models/database.js';
import type { Person } from '../../models/types.js';
import type { Catalog } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';
import type { Logger } from '../logging/logger.js';
import type { ReminderScheduler } from '../reminders/reminder-scheduler.js';
import type { Clock } from './clock.js';
import type { InboundEvent, MessageRef } from './inbound.js';
import type { OutboundMessage, OutboundPort } from './outbound.js';

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
