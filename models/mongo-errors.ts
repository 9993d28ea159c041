import { Error as MongooseError } from 'mongoose';
import { NaboError, type NaboErrorCode } from '../kernel/errors.js';

/**
 * Invariants such as "one area per key" and "one open visit per household" are enforced by unique
 * indexes, not by read-then-write checks that race. The index answers with a duplicate-key error
 * (code 11000); these helpers recognise it however the driver wrapped it.
 */

const DUPLICATE_KEY = 11000;

interface MaybeWriteErrors {
  code?: unknown;
  writeErrors?: unknown;
}

export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as MaybeWriteErrors;
  if (candidate.code === DUPLICATE_KEY) return true;
  const writeErrors = duplicateKeyWriteErrorCount(error);
  return writeErrors !== undefined && writeErrors > 0;
}

/**
 * For an unordered bulk insert: how many documents the unique indexes refused, or undefined when
 * the failure was something else too (which the caller must not swallow).
 */
export function duplicateKeyWriteErrorCount(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const writeErrors = (error as MaybeWriteErrors).writeErrors;
  if (!Array.isArray(writeErrors) || writeErrors.length === 0) return undefined;
  const allDuplicates = writeErrors.every(
    (writeError: unknown) =>
      typeof writeError === 'object' &&
      writeError !== null &&
      (writeError as { code?: unknown }).code === DUPLICATE_KEY,
  );
  return allDuplicates ? writeErrors.length : undefined;
}

/**
 * Runs a write and turns the refusals a caller can act on into NaboErrors: a duplicate key into
 * the given code and message (when the write can hit a unique index), a schema validation failure into INVALID_INPUT.
 */
export async function translateWriteErrors<T>(
  write: () => Promise<T>,
  duplicate?: { code: NaboErrorCode; message: string },
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (duplicate && isDuplicateKeyError(error)) {
      throw new NaboError(duplicate.code, duplicate.message, { cause: error });
    }
    if (error instanceof MongooseError.ValidationError) {
      throw new NaboError('INVALID_INPUT', error.message, { cause: error });
    }
    throw error;
  }
}

/** Driver errors that mean "the server could not be reached", not "the server said no". */
const UNREACHABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
]);
/**
 * A socket's own failure, as the driver sometimes passes it on unwrapped (a write to a connection
 * the server reset: EPIPE). Only at the top: wrapped in another error, it may be a platform's.
 */
const SOCKET_FAILURES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED']);
/** Server answers of a mongod going down or stepping down: the same write goes through later. */
const SHUTTING_DOWN = new Set([91, 189, 10107, 11600, 11602, 13435, 13436]);

/**
 * True when the error says MongoDB was unreachable (connection reset, no server to select, the
 * server shutting down): the work may be tried again once it is back, and may or may not have
 * been applied. Follows `cause`, since callers wrap driver errors, and a bulk write's
 * `errorResponse`: the driver reports the lost connection of an insertMany or bulkWrite as a
 * MongoBulkWriteError that holds the network error there, not as its cause (mongodb 7.8). Only
 * MongoDB's errors: a platform that is unavailable may have kept a message, and is not retried
 * on this account.
 */
export function isUnavailableError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && SOCKET_FAILURES.has(code)) return true;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const candidate = current as {
      name?: unknown;
      code?: unknown;
      cause?: unknown;
      errorResponse?: unknown;
    };
    if (typeof candidate.name === 'string' && UNREACHABLE.has(candidate.name)) return true;
    if (typeof candidate.code === 'number' && SHUTTING_DOWN.has(candidate.code)) return true;
    // A server's own answer in errorResponse is a plain document: only an error is followed.
    current =
      candidate.cause ??
      (candidate.errorResponse instanceof Error ? candidate.errorResponse : undefined);
  }
  return false;
}
