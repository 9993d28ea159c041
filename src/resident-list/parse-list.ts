import { UserError } from '../../kernel/errors.js';
import {
  parseResidentFile,
  parseResidentRecords,
  type ParsedResidentFile,
} from '../residents/parse-resident-file.js';
import { listLimitExceeded, type ListLimits } from './limits.js';
import type { ListFormat } from './list-job.js';
import { readFirstSheet } from './xlsx.js';

/**
 * The whole reading of an uploaded list, with its limits: what the list worker runs. CSV and
 * .xlsx rows go through the same row rules as `nabo residents import`.
 */
export async function parseList(
  content: Uint8Array,
  format: ListFormat,
  fileName: string,
  limits: ListLimits,
): Promise<ParsedResidentFile> {
  if (content.byteLength > limits.fileBytes) {
    throw listLimitExceeded('file_bytes', limits.fileBytes, content.byteLength);
  }
  if (format === 'csv') {
    const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    return parseResidentFile(bytes, fileName, limits);
  }
  const records = await readFirstSheet(content, fileName, limits);
  if (records.length === 0) {
    throw new UserError('IMPORT_FAILED', `${fileName} has no rows`);
  }
  return parseResidentRecords(records, fileName);
}
