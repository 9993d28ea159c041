import { connectDatabase } from '../../models/database.js';
import { databaseUri, type Config } from '../../src/config/config.js';
import type { CliRuntime } from './runtime.js';
import { UserError } from '../../kernel/errors.js';

export function createCliRuntime(
  readConfig: () => Config,
  terminal: { print(line: string): void },
): CliRuntime {
  return {
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
