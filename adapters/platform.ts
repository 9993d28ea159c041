import type { Express } from 'express';
import type { NaboDatabase } from '../models/database.js';
import type { Clock } from '../kernel/clock.js';
import type { BotDependencies } from '../src/core/turn.js';
import type { MessageRef } from '../src/core/inbound.js';
import type { OutboundMessage } from '../src/core/outbound.js';
import type { Locale } from '../src/i18n/locale.js';
import type { Logger } from '../kernel/logger.js';

/** What every messaging platform adapter gets from the web process. */
export interface PlatformContext {
  db: NaboDatabase;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  locale: Locale;
  /**
   * The bot's optional collaborators that the process provides (revisit reminders, the
   * cross-platform notifier, meeting and check-in timers); every platform hands them to its bot.
   */
  services?: BotServices;
}

export type BotServices = Omit<
  Partial<BotDependencies>,
  'db' | 'outbound' | 'clock' | 'timeZone' | 'locale' | 'logger'
>;

/** Why a proactive message could not be delivered; the caller tells the coordinator. */
export type Unreachable = { unreachable: true; reason: 'no_link' | 'not_installed' | 'blocked' };

/**
 * A messaging platform (Slack, Teams) as the web process and the jobs see it: routes to mount,
 * a life cycle, proactive sends by person, and a health line for /healthz.
 */
export interface MessagingPlatform {
  readonly name: 'slack' | 'teams';
  /** Adds the platform's HTTP routes; each route parses its own body with its own size limit. */
  mount(app: Express): void;
  /** Connects what is not HTTP (Slack Socket Mode); a no-op otherwise. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Sends to a person through their stored ConversationLink, for jobs and proactive messages. */
  sendToPerson(personId: string, message: OutboundMessage): Promise<MessageRef | Unreachable>;
  /** Resolves when the platform's credentials work; rejects with a reason otherwise. */
  check(): Promise<void>;
}
