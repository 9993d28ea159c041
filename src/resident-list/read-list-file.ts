import type { IncomingFile } from '../core/inbound.js';
import { LimitExceededError, UserError } from '../../kernel/errors.js';
import type { ParsedResidentFile } from '../residents/parse-resident-file.js';
import { LIST_LIMITS, isListLimit, type ListLimit } from './limits.js';
import type { ListFormat } from './list-job.js';
import { parseListInWorker, type ParseInWorkerOptions } from './parse-in-worker.js';

export type { ListFormat } from './list-job.js';

/** Monthly lists are a few hundred rows; 5 MB is far beyond any real one, and bounds the memory. */
export const MAX_LIST_BYTES = LIST_LIMITS.fileBytes;

/** Why a file cannot be read at all (as opposed to single bad rows, which the preview lists). */
export type ListFileProblem =
  | { kind: 'too_large'; maxBytes: number }
  | { kind: 'wrong_format' }
  | { kind: 'old_excel' }
  | { kind: 'unreadable' }
  /** The platform would not hand the file over (gone, no access, network). */
  | { kind: 'download_failed'; cause: unknown }
  /** Read, but bigger than Nabo reads: unpacked size, rows, cells, time or memory. */
  | { kind: 'limit'; limit: Exclude<ListLimit, 'file_bytes'>; max: number }
  /** Reading failed in a way the coordinator cannot fix by editing the file. */
  | { kind: 'read_failed'; cause: unknown };

export type ReadListResult =
  | { ok: true; format: ListFormat; parsed: ParsedResidentFile }
  | { ok: false; problem: ListFileProblem };

/**
 * Reads the housing organisation's list from a chat upload with the same rules as
 * `nabo residents import`. Only the parsed rows leave this function: the raw file lives in
 * memory for the length of the call and is never stored. Every failure comes back as a problem
 * the flow can explain in one line; nothing here throws.
 */
export async function readListFile(
  file: IncomingFile,
  options: ParseInWorkerOptions = {},
): Promise<ReadListResult> {
  const maxBytes = options.limits?.fileBytes ?? MAX_LIST_BYTES;
  if (file.sizeBytes !== undefined && file.sizeBytes > maxBytes) {
    return { ok: false, problem: { kind: 'too_large', maxBytes } };
  }
  const declared = formatFromName(file);
  if (declared === 'other') return { ok: false, problem: { kind: 'wrong_format' } };
  if (declared === 'xls') return { ok: false, problem: { kind: 'old_excel' } };

  let content: Buffer;
  try {
    content = await file.download();
  } catch (error) {
    // The adapters stop a download that passes their size limit.
    if (error instanceof LimitExceededError) {
      return { ok: false, problem: { kind: 'too_large', maxBytes } };
    }
    return { ok: false, problem: { kind: 'download_failed', cause: error } };
  }
  // The declared size may be missing or wrong: the bytes decide.
  if (content.length > maxBytes) {
    return { ok: false, problem: { kind: 'too_large', maxBytes } };
  }
  const format = sniff(content) ?? declared;
  if (format === 'xls') return { ok: false, problem: { kind: 'old_excel' } };
  try {
    const parsed = await parseListInWorker(content, format, file.name, options);
    return { ok: true, format, parsed };
  } catch (error) {
    return { ok: false, problem: problemOf(error, maxBytes) };
  }
}

function problemOf(error: unknown, maxBytes: number): ListFileProblem {
  if (error instanceof LimitExceededError && isListLimit(error.limit)) {
    if (error.limit === 'file_bytes') return { kind: 'too_large', maxBytes };
    return { kind: 'limit', limit: error.limit, max: error.max };
  }
  if (error instanceof UserError) return { kind: 'unreadable' };
  return { kind: 'read_failed', cause: error };
}

type Declared = ListFormat | 'xls' | 'other';

function formatFromName(file: IncomingFile): Declared {
  const name = file.name.toLowerCase();
  const mime = (file.mimeType ?? '').toLowerCase();
  if (name.endsWith('.xlsx') || mime.includes('spreadsheetml')) return 'xlsx';
  if (name.endsWith('.xls') || mime === 'application/vnd.ms-excel') return 'xls';
  if (/\.(csv|txt|tsv)$/.test(name) || mime.startsWith('text/')) return 'csv';
  // A file without an extension may still be a CSV; one with another extension is not a list.
  return /\.[a-z0-9]{1,5}$/.test(name) ? 'other' : 'csv';
}

/** The first bytes tell a zip (.xlsx) and an OLE2 file (.xls) from text, whatever the name says. */
function sniff(content: Buffer): ListFormat | 'xls' | undefined {
  if (content[0] === 0x50 && content[1] === 0x4b) return 'xlsx';
  if (content[0] === 0xd0 && content[1] === 0xcf) return 'xls';
  return undefined;
}
