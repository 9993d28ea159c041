import type { NaboDatabase } from '../../models/database.js';
import type { Config } from '../../src/config/config.js';
import type { PlatformRegistry } from '../../src/core/platform.js';

/**
 * What a CLI command needs from the outside world. Commands get it as a parameter so tests can
 * point them at a test database and capture what they print.
 */
export interface CliRuntime {
  /** Opens the database named by MONGODB_URI (default: the local `nabo dev-db`). Close it after use. */
  openDatabase(): Promise<NaboDatabase>;
  /** The configuration, read when a command first needs it. */
  config(): Config;
  /** The platforms the worker delivers on, unstarted: queuing a message asks them who is reachable. */
  platforms(db: NaboDatabase): PlatformRegistry | Promise<PlatformRegistry>;
  /** The command's "now": the system clock, or where NABO_NOW starts it (tests, demo). */
  now(): Date;
  print(line: string): void;
  printJson(value: unknown): void;
}
