import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { afterAll, beforeAll } from 'vitest';
import { connectDatabase, type ConnectOptions, type NaboDatabase } from '../../models/database.js';
import type { CliRuntime } from '../../adapters/cli/runtime.js';
import { loadConfig } from '../../src/config/config.js';
import { createPlatformRegistry } from '../../src/core/platform.js';

/**
 * The repository contract suite runs against the embedded in-memory MongoDB by default and
 * against a real MongoDB when MONGODB_URI is set (same tests, same expectations). Each test file
 * gets its own database (`nabo_test_<random>`), dropped afterwards.
 *
 * TTL: the embedded server sweeps every EMBEDDED_TTL_MONITOR_INTERVAL_MS, so the expiry test
 * watches the document disappear. A real mongod sweeps once a minute; there the test asserts the
 * TTL index (`expireAfterSeconds: 0` on `expiresAt`) and that `get` already ignores the expired
 * state, instead of waiting a minute or more.
 */

/** The embedded server sweeps TTL indexes this often, so expiry tests finish quickly. */
export const EMBEDDED_TTL_MONITOR_INTERVAL_MS = 100;

export interface TestDatabase {
  /** The connected store; valid between beforeAll and afterAll. */
  (): NaboDatabase;
  /** Server URI without database name, and the database name, for raw `mongodb` checks. */
  readonly uri: () => string;
  readonly dbName: () => string;
  /** True when running against a real mongod (MONGODB_URI): its TTL monitor runs every 60 s. */
  readonly isRealMongo: boolean;
}

export function useTestDatabase(options: Pick<ConnectOptions, 'now'> = {}): TestDatabase {
  const realUri = process.env.MONGODB_URI;
  const dbName = `nabo_test_${randomBytes(6).toString('hex')}`;
  let database: NaboDatabase | undefined;
  let serverUri: string | undefined;
  let stopServer: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (realUri) {
      serverUri = realUri;
    } else {
      // Imported lazily so a run against real MongoDB does not need the embedded server at all.
      const { startEmbeddedMongo } = await import('../../models/embedded-mongo/index.js');
      const now = options.now;
      const server = await startEmbeddedMongo({
        port: 0,
        ttlMonitorIntervalMs: EMBEDDED_TTL_MONITOR_INTERVAL_MS,
        // A test that fixes the store's "now" expires documents on that same clock.
        ...(now ? { now: () => now().getTime() } : {}),
      });
      serverUri = server.uri;
      stopServer = () => server.stop();
    }
    database = await connectDatabase(serverUri, { dbName, ...options });
  });

  afterAll(async () => {
    try {
      if (database) {
        await database.drop();
        await database.close();
      }
    } finally {
      await stopServer?.();
    }
  });

  const get = (() => {
    if (!database) throw new Error('useTestDatabase: the database is only available inside tests');
    return database;
  }) as TestDatabase;
  Object.assign(get, {
    uri: () => {
      if (!serverUri) throw new Error('useTestDatabase: not started');
      return serverUri;
    },
    dbName: () => dbName,
    isRealMongo: realUri !== undefined && realUri !== '',
  });
  return get;
}

/** The moment CLI commands run at in tests unless one is given. */
export const CLI_NOW = '2026-11-30T10:00:00+01:00';

/** What a CLI command printed, and whether it closed every connection it opened. */
export interface CliRun {
  lines: string[];
  opened: number;
  closed: number;
  /** What the command threw (UserError, CommanderError, …), if anything. */
  error?: unknown;
}

/**
 * Runs CLI commands the way `nabo` does, against the test database: every `openDatabase` opens
 * a fresh connection (commands close theirs), output is captured instead of printed.
 */
export async function runCli(
  db: TestDatabase,
  register: ReadonlyArray<(program: Command, runtime: CliRuntime) => void>,
  args: readonly string[],
  options: { now?: string } = {},
): Promise<CliRun> {
  const run: CliRun = { lines: [], opened: 0, closed: 0 };
  // Commands run at a fixed moment, as `nabo` does with NABO_NOW.
  const now = (): Date => new Date(options.now ?? CLI_NOW);
  const runtime: CliRuntime = {
    now,
    async openDatabase() {
      const connection = await connectDatabase(db.uri(), { dbName: db.dbName(), now });
      run.opened += 1;
      return {
        ...connection,
        close: async () => {
          run.closed += 1;
          await connection.close();
        },
      };
    },
    config: () => loadConfig(),
    // No platform is configured under test: queued messages find nobody to route to.
    platforms: () => createPlatformRegistry(),
    print: (line) => run.lines.push(line),
    printJson: (value) => run.lines.push(JSON.stringify(value)),
  };
  const program = new Command('nabo')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  for (const registerCommands of register) registerCommands(program, runtime);
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    run.error = error;
  }
  return run;
}
