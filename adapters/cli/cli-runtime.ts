import type { NaboDatabase } from '../../models/database.js';
import type { PlatformRegistry } from '../../src/core/platform.js';
import { databaseUri, refusesEmbeddedMongo, type Config } from '../../src/config/config.js';
import { processClock, type Clock } from '../../kernel/clock.js';
import type { CliRuntime } from './runtime.js';
import { isNaboError, UserError } from '../../kernel/errors.js';

/** The platforms the worker delivers on, built by the composition root from the configuration. */
export type ProcessPlatforms = (
  config: Config,
  db: NaboDatabase,
) => PlatformRegistry | Promise<PlatformRegistry>;

export function createCliRuntime(
  readConfig: () => Config,
  terminal: { print(line: string): void },
  platforms: ProcessPlatforms,
): CliRuntime {
  // Read on first use, so `nabo --help` needs no configuration.
  let clock: Clock | undefined;
  const now = (): Date => {
    clock ??= processClock(readConfig().now);
    return clock.now();
  };
  return {
    config: readConfig,
    platforms: (db) => platforms(readConfig(), db),
    async openDatabase() {
      const config = readConfig();
      const uri = databaseUri(config);
      // Loaded here, not at the top: `nabo --help` and the commands that need no database
      // would otherwise start by loading mongoose and every schema.
      const { connectDatabase } = await import('../../models/database.js');
      try {
        return await connectDatabase(uri, {
          serverSelectionTimeoutMS: 3_000,
          now,
          refuseEmbedded: refusesEmbeddedMongo(config),
        });
      } catch (error) {
        // Reached, but refused (the embedded server in production): that line, not "cannot reach".
        if (isNaboError(error) && error.code === 'CONFIG_INVALID') throw error;
        throw new UserError(
          'DEPENDENCY_UNAVAILABLE',
          `Cannot reach MongoDB at ${redactCredentials(uri)}. Start "nabo dev-db" in another terminal or set MONGODB_URI.`,
          { cause: error },
        );
      }
    },
    now,
    print: (line) => terminal.print(line),
    printJson: (value) => terminal.print(JSON.stringify(value, null, 2)),
  };
}

function redactCredentials(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
