import { LimitExceededError } from '../../kernel/errors.js';

/**
 * How much of an uploaded list Nabo reads before it refuses. A monthly list is a few hundred
 * rows and a few hundred kB; these leave room for a year's list from a large organisation
 * (50,000 rows) while keeping a hostile file from taking the web process's memory or time.
 * Measured: a 99,000-row, 8-column .xlsx (4 MB, 39 MB unpacked) reads within a 96 MB heap.
 */
export interface ListLimits {
  /** The file as uploaded (the .xlsx zip or the CSV text). */
  fileBytes: number;
  /** All parts of an .xlsx added up as they are unpacked; counted while inflating. */
  unpackedBytes: number;
  /** Rows in the sheet or CSV, the header and title rows included. */
  rows: number;
  /** Rows times columns, as the sheet is laid out (empty cells inside the grid count too). */
  cells: number;
  /** Wall time for the whole parse; the worker is ended when it runs out. */
  parseMs: number;
  /** V8 heap of the worker that parses; going over ends that worker, not the web process. */
  workerHeapMb: number;
}

export const LIST_LIMITS: ListLimits = {
  fileBytes: 5 * 1024 * 1024,
  unpackedBytes: 48 * 1024 * 1024,
  rows: 100_000,
  cells: 2_000_000,
  parseMs: 60_000,
  workerHeapMb: 128,
};

/** What was too big; the flow turns each into one line for the coordinator. */
export type ListLimit = 'file_bytes' | 'unpacked_bytes' | 'rows' | 'cells' | 'time' | 'memory';

export function listLimitExceeded(
  limit: ListLimit,
  max: number,
  counted?: number,
): LimitExceededError {
  return new LimitExceededError(limit, max, `The list exceeds its ${limit} limit (${max})`, {
    ...(counted === undefined ? {} : { counted }),
  });
}

export function isListLimit(value: string): value is ListLimit {
  return ['file_bytes', 'unpacked_bytes', 'rows', 'cells', 'time', 'memory'].includes(value);
}

/** Refuses a grid larger than the limits allow. */
export function checkGrid(
  rows: number,
  cells: number,
  limits: Pick<ListLimits, 'rows' | 'cells'>,
): void {
  if (rows > limits.rows) throw listLimitExceeded('rows', limits.rows, rows);
  if (cells > limits.cells) throw listLimitExceeded('cells', limits.cells, cells);
}
