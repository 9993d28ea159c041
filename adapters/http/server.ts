import type { Server } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import { healthHandler, type HealthChecks } from './health.js';

export interface WebServerOptions {
  checks: HealthChecks;
  /** GET /metrics (Prometheus text format), when the process keeps metrics. */
  metrics?: RequestHandler;
  /** Platform routes (Slack, Teams) mount themselves here; each parses its own body. */
  mount?: Array<(app: Express) => void>;
}

/** The web process's HTTP app. No global body parser: each platform route parses its own body. */
export function createWebApp(options: WebServerOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', healthHandler(options.checks));
  if (options.metrics) app.get('/metrics', options.metrics);
  for (const mount of options.mount ?? []) mount(app);
  return app;
}

export function listen(app: Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = host ? app.listen(port, host) : app.listen(port);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
