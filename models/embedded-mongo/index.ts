import type { Logger } from 'pino';
import { CursorRegistry } from './cursors.js';
import { WireServer } from './server.js';
import { Storage } from './storage.js';
import { startHousekeeping } from './ttl-monitor.js';

export { isEmbeddedMongo, EMBEDDED_SERVER_MARKER, type CommandRunner } from './detect.js';

export interface EmbeddedMongoOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a random free port. */
  port?: number;
  /** How often TTL indexes are swept. Default 1000 ms. */
  ttlMonitorIntervalMs?: number;
  /**
   * The server's "now" for TTL expiry, as milliseconds. Default Date.now. A process whose clock
   * starts at another moment (the demo with --now) passes its own, so documents it stamps with
   * that clock do not expire at once.
   */
  now?: () => number;
  /** Connection and protocol diagnostics; silent when absent. */
  logger?: Logger;
}

export interface EmbeddedMongo {
  /** `mongodb://host:port/`, without a database: callers append their own (`${uri}nabo`). */
  readonly uri: string;
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts an in-memory MongoDB that the real driver and mongoose take for a standalone mongod.
 * For tests, the demo and local development only: nothing is persisted.
 *
 * What it promises: answers like mongod 7.0 or a refusal with mongod's error codes, never a
 * quiet difference. Queries read through indexes as mongod would (equality, `$in`, ranges,
 * compound prefixes, sorts, `$elemMatch`; planner.ts), so do `$lookup` equality joins
 * (lookup.ts), and `explain` reports `totalDocsExamined`, per `$lookup` stage too; int64 and
 * double keep their BSON types, also where a pipeline stage passes them on (stages.ts), and
 * `$type` tells every BSON type apart (bson-type.ts); decimal128
 * compares by value where a double holds it exactly and is refused where not (decimal.ts);
 * `$dateAdd` by local days in a time zone is refused (dates.ts); views,
 * capped/validated collections, collations, `$out`/`$merge`, collMod and transactions are
 * refused (commands/refusals.ts). It tells clients it is embedded (`buildInfo.embedded`, see
 * detect.ts and `isEmbeddedMongo`).
 *
 * Known to differ, and left because the app's pipelines meet neither: a value a pipeline
 * computes from an int64, an integral double or a decimal128 with an operator that
 * computed-types.ts does not know, by decimal128 arithmetic, or inside a document an expression
 * builds (`$mergeObjects`), is an int32 or a double here, with the right value, where mongod
 * keeps the wider type; a computed dotted field in `$project` through an array replaces the
 * array (mingo), where mongod, by its code, sets the field in each element (unconfirmed).
 */
export async function startEmbeddedMongo(
  options: EmbeddedMongoOptions = {},
): Promise<EmbeddedMongo> {
  const host = options.host ?? '127.0.0.1';
  const storage = new Storage();
  const cursors = new CursorRegistry();
  const server = new WireServer({
    storage,
    cursors,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const port = await server.listen(host, options.port ?? 0);
  const housekeeping = startHousekeeping(
    storage,
    cursors,
    options.ttlMonitorIntervalMs ?? 1000,
    // Read Date at every sweep, not once here: a test that fakes Date moves expiry with it.
    options.now ?? (() => Date.now()),
  );
  const uriHost = host.includes(':') ? `[${host}]` : host;
  let stopping: Promise<void> | undefined;
  return {
    uri: `mongodb://${uriHost}:${port}/`,
    host,
    port,
    stop() {
      stopping ??= (async () => {
        housekeeping.stop();
        await server.close();
        cursors.clear();
      })();
      return stopping;
    },
  };
}
