import { pino, type Logger } from 'pino';

/**
 * Structured logs. Residents' personal data never belongs in a log line: log ids and counts,
 * never names, addresses or notes. The redact list is a safety net for fields that slip in.
 */
export const REDACTED_PATHS = [
  'name',
  'names',
  'address',
  'unit',
  'note',
  'notes',
  'text',
  'phone',
  'email',
  '*.name',
  '*.names',
  '*.address',
  '*.unit',
  '*.note',
  '*.notes',
  '*.text',
  '*.phone',
  '*.email',
  // Check-in answers and a household's words are as personal as its name (PRIVACY.md).
  'answer',
  'answers',
  'household',
  '*.answer',
  '*.answers',
  '*.household',
  '*.*.name',
  '*.*.names',
  '*.*.address',
  '*.*.note',
];

export type { Logger };

export function createLogger(
  options: { level?: string; destination?: NodeJS.WritableStream } = {},
): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const config = {
    level,
    base: { app: 'nabo' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

let rootLogger: Logger | undefined;

/** The process-wide logger; silent under tests unless LOG_LEVEL asks otherwise. */
export function logger(): Logger {
  rootLogger ??= createLogger({
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  });
  return rootLogger;
}

export function setLogger(next: Logger): void {
  rootLogger = next;
}
