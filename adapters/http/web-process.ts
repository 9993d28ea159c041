import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { HostedPlatform } from './hosted-platform.js';
import type { HealthChecks } from './health.js';
import type { WebMetrics } from './metrics.js';
import { createWebApp, listen } from './server.js';
import type { NaboDatabase } from '../../models/database.js';

export interface WebProcess {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * The web process: /healthz, /metrics (when given) plus the routes of every configured platform. Used by the `web`
 * entry point and, unchanged, by the end-to-end tests and benchmarks, so they test what runs.
 */
export async function startWebProcess(options: {
  port: number;
  host?: string;
  db: NaboDatabase;
  redis: Redis;
  platforms: readonly HostedPlatform[];
  /** Served on GET /metrics. */
  metrics?: WebMetrics;
}): Promise<WebProcess> {
  const checks: HealthChecks = {
    mongodb: () => options.db.ping(),
    redis: async () => {
      await options.redis.ping();
    },
    platforms: Object.fromEntries(
      options.platforms.map((platform) => [platform.adapter.id, () => platform.check()]),
    ),
  };

  const app = createWebApp({
    checks,
    ...(options.metrics ? { metrics: options.metrics.handler() } : {}),
    mount: options.platforms.map((platform) => (target) => platform.mount(target)),
  });
  for (const platform of options.platforms) await platform.start();
  const server = await listen(app, options.port, options.host);
  return {
    server,
    port: (server.address() as AddressInfo).port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      for (const platform of options.platforms) await platform.stop();
    },
  };
}
