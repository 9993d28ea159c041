import type { IncomingFile } from '../core/inbound.js';
import { UserError, isNaboError } from '../../kernel/errors.js';
import {
  parseResidentFile,
  parseResidentRecords,
  type ParsedResidentFile,
} from '../residents/index.js';
import { readFirstSheet } from './xlsx.js';

/** Monthly lists are a few hundred rows; 5 MB is far beyond any real one, and bounds the memory. */
export const MAX_LIST_BYTES = 5 * 1024 * 1024;

export type ListFormat = 'csv' | 'xlsx';

/** Why a file cannot be read at all (as opposed to single bad rows, which the preview lists). */
export type ListFileProblem =
  | { kind: 'too_large'; maxBytes: number }
  | { kind: 'wrong_format' }
  | { kind: 'old_excel' }
  | { kind: 'unreadable' };

export type ReadListResult =
  | { ok: true; format: ListFormat; parsed: ParsedResidentFile }
  | { ok: false; problem: ListFileProblem };

/**
 * Reads the housing organisation's list from a chat upload with the same rules as
 * `nabo residents import`. Only the parsed rows leave this function: the raw file lives in
 * memory for the length of the call and is never stored.
 */
export async function readListFile(file: IncomingFile): Promise<ReadListResult> {
  if (file.sizeBytes !== undefined && file.sizeBytes > MAX_LIST_BYTES) {
    return { ok: false, problem: { kind: 'too_large', maxBytes: MAX_LIST_BYTES } };
  }
  const declared = formatFromName(file);
  if (declared === 'other') return { ok: false, problem: { kind: 'wrong_format' } };
  if (declared === 'xls') return { ok: false, problem: { kind: 'old_excel' } };

  const content = await file.download();
  // The declared size may be missing or wrong: the bytes decide.
  if (content.length > MAX_LIST_BYTES) {
    return { ok: false, problem: { kind: 'too_large', maxBytes: MAX_LIST_BYTES } };
  }
  const format = sniff(content) ?? declared;
  try {
    if (format === 'xlsx') {
      const records = await readFirstSheet(content, file.name);
      if (records.length === 0) return { ok: false, problem: { kind: 'unreadable' } };
      return { ok: true, format, parsed: parseResidentRecords(records, file.name) };
    }
    if (format === 'xls') return { ok: false, problem: { kind: 'old_excel' } };
    return { ok: true, format: 'csv', parsed: parseResidentFile(content, file.name) };
  } catch (error) {
    if (isNaboError(error) && error instanceof UserError) {
      return { ok: false, problem: { kind: 'unreadable' } };
    }
    throw error;
  }
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
