import { readFile } from 'node:fs/promises';
import { UserError } from '../../kernel/errors.js';

/** Reads a file the operator named; a missing or unreadable file is their mistake (exit 1). */
export async function readInputFile(file: string): Promise<Buffer> {
  return readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new UserError('IMPORT_FAILED', `Cannot read ${file} (${error.code ?? error.message})`, {
      cause: error,
    });
  });
}
