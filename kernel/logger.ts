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

/**
 * What a log line may say about an error: its class, its code and, for a platform's HTTP answer,
 * the status (with the platform's own message, which quotes no data of ours). Never the message of
 * any other error: a duplicate-key error names the value, a parse error quotes the input.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { class: typeof error };
  const { code, statusCode, status } = error as {
    code?: unknown;
    statusCode?: unknown;
    status?: unknown;
  };
  const httpStatus =
    typeof statusCode === 'number' ? statusCode : typeof status === 'number' ? status : undefined;
  return {
    class: error.constructor.name === 'Error' ? error.name : error.constructor.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(httpStatus !== undefined
      ? { status: httpStatus, message: error.message.slice(0, 300) }
      : {}),
  };
}

export function createLogger(
  options: { level?: string; destination?: NodeJS.WritableStream } = {},
): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const config = {
    level,
    base: { app: 'nabo' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // `{ err }` and `{ error }` are logged by class and code, whoever wrote the line.
    serializers: { err: errorFields, error: errorFields },
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
