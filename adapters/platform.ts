import type { NaboDatabase } from '../models/database.js';
import type { Clock } from '../kernel/clock.js';
import type { BotDependencies } from '../src/core/turn.js';
import type { Locale } from '../src/i18n/locale.js';
import type { Logger } from '../kernel/logger.js';

/** What every messaging platform adapter gets from the process that hosts it. */
export interface PlatformContext {
  db: NaboDatabase;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  locale: Locale;
  /**
   * The bot's optional collaborators that the process provides (revisit reminders, the
   * cross-platform notifier, meeting and check-in timers, the platform registry); every
   * platform hands them to its bot.
   */
  services?: BotServices;
}

export type BotServices = Omit<
  Partial<BotDependencies>,
  'db' | 'outbound' | 'clock' | 'timeZone' | 'locale' | 'logger'
>;
