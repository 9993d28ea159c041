import {
  LimitExceededError,
  NaboError,
  UserError,
  type NaboErrorCode,
} from '../../kernel/errors.js';
import type { ParsedResidentFile } from '../residents/parse-resident-file.js';
import type { ListLimits } from './limits.js';

/**
 * What the web process and the list worker send each other. Only plain data crosses: the file's
 * bytes one way, the parsed rows (or a described error) the other.
 */
export type ListFormat = 'csv' | 'xlsx';

export interface ListJob {
  content: Uint8Array;
  format: ListFormat;
  fileName: string;
  limits: ListLimits;
}

export interface DescribedError {
  name: string;
  code: NaboErrorCode | undefined;
  message: string;
  limit?: string;
  max?: number;
  counted?: number;
}

export type ListJobResult =
  { ok: true; parsed: ParsedResidentFile } | { ok: false; error: DescribedError };

/** An error as data, because a class does not survive the trip between threads. */
export function describeError(error: unknown): DescribedError {
  if (error instanceof LimitExceededError) {
    return {
      name: error.name,
      code: error.code,
      message: error.message,
      limit: error.limit,
      max: error.max,
      ...(error.counted === undefined ? {} : { counted: error.counted }),
    };
  }
  if (error instanceof NaboError) {
    return { name: error.name, code: error.code, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: error instanceof Error ? error.name : 'Error', code: undefined, message };
}

/** The error again, as the class the web process's callers expect. */
export function reviveError(described: DescribedError): NaboError {
  if (described.name === 'LimitExceededError' && described.limit && described.max !== undefined) {
    return new LimitExceededError(described.limit, described.max, described.message, {
      ...(described.counted === undefined ? {} : { counted: described.counted }),
    });
  }
  if (described.name === 'UserError' && described.code) {
    return new UserError(described.code, described.message);
  }
  return new NaboError(
    described.code ?? 'INTERNAL',
    `The list worker failed: ${described.name}: ${described.message}`,
  );
}
