import { existsSync } from 'node:fs';
import dotenv from 'dotenv';

/** Loads `.env` from the working directory when present; real environment variables win. */
export function loadEnvironmentFile(path = '.env'): void {
  if (existsSync(path)) dotenv.config({ path, quiet: true });
}
