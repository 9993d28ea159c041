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
  if (!(error instanceof Error)) return errorLikeFields(error);
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

/** An error that is not an Error instance (a platform SDK's plain object): its name and code. */
function errorLikeFields(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { class: typeof error };
  // Already reduced (the log formatter runs before the serializers).
  if ('class' in error) return error as Record<string, unknown>;
  const { name, code, statusCode } = error as {
    name?: unknown;
    code?: unknown;
    statusCode?: unknown;
  };
  return {
    class: typeof name === 'string' ? name : 'object',
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof statusCode === 'number' ? { status: statusCode } : {}),
  };
}

/**
 * Errors below the top level of a line (`{ failure: { err } }`, a child logger's bindings) are
 * reduced to their class and code too, before the redaction runs: otherwise `*.name` would erase
 * the error's class (`"err":{"name":"[redacted]"}`) and leave nothing to diagnose. The redaction
 * is for residents' fields, not for error classes.
 */
function errorsAsFields(object: Record<string, unknown>, depth = 0): Record<string, unknown> {
  if (depth > 2) return object;
  let changed: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(object)) {
    let next: unknown = value;
    if (value instanceof Error) next = errorFields(value);
    else if (isUnserializedErrorLike(key, value)) next = errorLikeFields(value);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value))
      next = errorsAsFields(value as Record<string, unknown>, depth + 1);
    if (next !== value) (changed ??= { ...object })[key] = next;
  }
  return changed ?? object;
}

/** A plain object logged as `err`/`error` that the serializer has not reduced to `class` yet. */
function isUnserializedErrorLike(key: string, value: unknown): boolean {
  return (
    (key === 'err' || key === 'error') &&
    typeof value === 'object' &&
    value !== null &&
    !('class' in value)
  );
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
    formatters: { log: (object: Record<string, unknown>) => errorsAsFields(object) },
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
