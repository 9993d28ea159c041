import type { Logger as BoltLogger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import type { Logger } from '../../kernel/logger.js';

/**
 * Bolt's and the Web API client's logger, backed by our pino logger. Their debug output includes
 * whole request bodies (message text, residents' names), so debug is dropped here whatever
 * LOG_LEVEL says; only their own warnings and errors come through, without payloads.
 */
export function boltLogger(logger: Logger, name: string): BoltLogger {
  const child = logger.child({ component: name });
  const describe = (parts: unknown[]): string =>
    parts
      .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : ''))
      .filter(Boolean)
      .join(' ')
      .slice(0, 300);
  let level: LogLevel = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...parts: unknown[]) => child.warn(describe(parts)),
    error: (...parts: unknown[]) => child.error(describe(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
