import { connectDatabase, type NaboDatabase } from '../../models/database.js';
import type { PlatformRegistry } from '../../src/core/platform.js';
import { databaseUri, type Config } from '../../src/config/config.js';
import type { CliRuntime } from './runtime.js';
import { UserError } from '../../kernel/errors.js';

/** The platforms the worker delivers on, built by the composition root from the configuration. */
export type ProcessPlatforms = (config: Config, db: NaboDatabase) => PlatformRegistry;

export function createCliRuntime(
  readConfig: () => Config,
  terminal: { print(line: string): void },
  platforms: ProcessPlatforms,
): CliRuntime {
  return {
    config: readConfig,
    platforms: (db) => platforms(readConfig(), db),
    async openDatabase() {
      const uri = databaseUri(readConfig());
      try {
        return await connectDatabase(uri, { serverSelectionTimeoutMS: 3_000 });
      } catch (error) {
        throw new UserError(
          'DEPENDENCY_UNAVAILABLE',
          `Cannot reach MongoDB at ${redactCredentials(uri)}. Start "nabo dev-db" in another terminal or set MONGODB_URI.`,
          { cause: error },
        );
      }
    },
    print: (line) => terminal.print(line),
    printJson: (value) => terminal.print(JSON.stringify(value, null, 2)),
  };
}

function redactCredentials(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
