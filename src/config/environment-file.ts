import { NaboError } from '../../kernel/errors.js';

/**
 * Loads `.env` from the working directory when present, with Node's own loader: a variable
 * already in the environment (even set to empty) keeps its value, so the real environment wins
 * over the file. A missing file is fine; one that exists but cannot be read stops start-up.
 */
export function loadEnvironmentFile(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new NaboError('CONFIG_INVALID', `Cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
