import type { NaboDatabase } from '../models/database.js';
import type { Clock } from '../kernel/clock.js';
import type { InboundPipeline } from '../src/core/pipeline.js';
import type { Locale } from '../src/i18n/locale.js';
import type { Logger } from '../kernel/logger.js';

/**
 * What every messaging platform adapter gets from the composition root (app/compose.ts). An
 * adapter verifies its platform's requests, maps them to inbound events for the pipeline, and
 * renders what the core says; everything else happens once, in the pipeline.
 */
export interface PlatformContext {
  /** Conversation links, for proactive messages (jobs, welcomes). */
  db: NaboDatabase;
  clock: Clock;
  logger: Logger;
  /** The process's default language, for the few sentences only the adapter says. */
  locale: Locale;
  /** The one way into the core. */
  pipeline: InboundPipeline;
}
