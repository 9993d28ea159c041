/**
 * How the embedded server tells clients what it is. mongod answers `buildInfo` to anyone
 * (no privileges needed, unlike serverStatus), so that is where the marker lives; `hello`
 * carries it too, for tools that only look at the handshake.
 */
export const EMBEDDED_SERVER_MARKER = {
  server: 'nabo-embedded-mongo',
  /** Everything is lost when the process stops. */
  persistent: false,
} as const;

/** The part of a database handle this needs: the driver's `Db` and mongoose's `connection.db` fit. */
export interface CommandRunner {
  command(command: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/**
 * Whether the server behind `db` is the embedded, in-memory one (models/embedded-mongo, as run
 * by tests, the demo and `nabo dev-db`) rather than a real MongoDB. Production must not run
 * against it: its data is gone on every restart.
 *
 * Reads `buildInfo.embedded`; a real mongod never sends that field. Errors (no connection)
 * propagate, so a caller cannot mistake "unreachable" for "not embedded".
 */
export async function isEmbeddedMongo(db: CommandRunner): Promise<boolean> {
  const info = await db.command({ buildInfo: 1 });
  const marker = info.embedded as { server?: unknown } | undefined;
  return marker?.server === EMBEDDED_SERVER_MARKER.server;
}
