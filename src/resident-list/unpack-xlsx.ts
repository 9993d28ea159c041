import type { Readable } from 'node:stream';
import { zipSync, type Zippable } from 'fflate';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { LimitExceededError, UserError } from '../../kernel/errors.js';
import { listLimitExceeded } from './limits.js';

export interface UnpackedWorkbook {
  /** A new zip holding only the workbook's XML parts, stored uncompressed. */
  zip: Uint8Array;
  /** Bytes inflated to get them. */
  unpackedBytes: number;
}

/**
 * Unpacks the XML parts of an .xlsx with a budget, before any spreadsheet code sees them. A zip
 * bomb (a 1 MB file whose sheet inflates to gigabytes) is refused on its declared sizes when they
 * are honest and by counting inflated bytes when they lie: inflating stops at the budget.
 *
 * The parts then go into a fresh zip that Nabo wrote itself, and only that zip reaches the reader.
 * The reader unzips in its own way (from local headers, in stream order); handing it the upload
 * would let a file that looks small here carry hidden entries there.
 */
export async function unpackWorkbook(
  content: Uint8Array,
  maxUnpackedBytes: number,
): Promise<UnpackedWorkbook> {
  const zip = await openZip(content);
  const parts: Zippable = {};
  let unpacked = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (!isWorkbookPart(entry.fileName)) continue;
      // Declared sizes are checked first so an honest bomb is refused without inflating anything.
      if (unpacked + entry.uncompressedSize > maxUnpackedBytes) {
        throw listLimitExceeded('unpacked_bytes', maxUnpackedBytes, unpacked);
      }
      const bytes = await inflateEntry(zip, entry, maxUnpackedBytes - unpacked);
      unpacked += bytes.length;
      parts[entry.fileName] = bytes;
    }
  } catch (error) {
    zip.close();
    if (error instanceof LimitExceededError) throw error;
    if (isLimit(error)) {
      throw listLimitExceeded('unpacked_bytes', maxUnpackedBytes, unpacked + error.counted);
    }
    throw unreadable(error);
  }
  return { zip: zipSync(parts, { level: 0 }), unpackedBytes: unpacked };
}

/** The parts a sheet is read from; pictures, printer settings and macros are left packed. */
function isWorkbookPart(name: string): boolean {
  return name.endsWith('.xml') || name.endsWith('.rels');
}

async function openZip(content: Uint8Array): Promise<ZipFile> {
  try {
    return await yauzl.fromBufferPromise(
      Buffer.from(content.buffer, content.byteOffset, content.byteLength),
      // Sizes are enforced by counting below, whatever the headers say, so yauzl's own
      // declared-size check would only turn a lying bomb into a vaguer error.
      { lazyEntries: true, validateEntrySizes: false },
    );
  } catch (error) {
    throw unreadable(error);
  }
}

/** Inflated bytes of one part; stops reading as soon as the remaining budget is spent. */
async function inflateEntry(zip: ZipFile, entry: Entry, budget: number): Promise<Buffer> {
  const stream: Readable = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let counted = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    counted += chunk.length;
    if (counted > budget) {
      stream.destroy();
      throw new BudgetSpent(counted);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, counted);
}

class BudgetSpent extends Error {
  constructor(readonly counted: number) {
    super('unpack budget spent');
  }
}

function isLimit(error: unknown): error is BudgetSpent {
  return error instanceof BudgetSpent;
}

function unreadable(error: unknown): UserError {
  return new UserError('IMPORT_FAILED', 'The file could not be read as .xlsx', { cause: error });
}
