import type { Express } from 'express';
import type { PlatformAdapter } from '../../src/core/platform.js';

/**
 * A platform as the web process hosts it: the adapter the core and the jobs talk to, plus what
 * only a server needs — routes to mount, a life cycle (Slack's Socket Mode), and a health line
 * for /healthz.
 */
export interface HostedPlatform {
  readonly adapter: PlatformAdapter;
  /** Adds the platform's HTTP routes; each route parses its own body with its own size limit. */
  mount(app: Express): void;
  /** Connects what is not HTTP (Slack Socket Mode); a no-op otherwise. */
  start(): Promise<void>;
  /** Stops taking events and lets the turns under way finish. */
  stop(): Promise<void>;
  /** Resolves when the platform's credentials work; rejects with a reason otherwise. */
  check(): Promise<void>;
}
