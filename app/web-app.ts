import {
  createWebMetrics,
  shareMetricsWithPrimary,
  type WebMetrics,
} from '../adapters/http/metrics.js';
import { startWebProcess, type WebProcess } from '../adapters/http/web-process.js';
import type { Config } from '../src/config/config.js';
import { composeProcess, type NaboProcess, type ProcessOptions } from './compose.js';
import { configuredPlatforms } from './platforms.js';

export interface WebApp {
  nabo: NaboProcess;
  web: WebProcess;
  metrics: WebMetrics;
}

/**
 * One web process (or one worker of it): the composition with the configured platforms, counted
 * for /metrics, behind /healthz. app/web.ts runs it; the tests and the Slack benchmark run the
 * same, with their own database, clock or queue prefix.
 */
export async function startWebApp(
  config: Config,
  overrides: Pick<ProcessOptions, 'db' | 'clock' | 'logger' | 'queuePrefix'> & {
    host?: string;
  } = {},
): Promise<WebApp> {
  const { host, ...processOverrides } = overrides;
  const metrics = createWebMetrics();
  shareMetricsWithPrimary(metrics);
  const nabo = await composeProcess(config, {
    ...processOverrides,
    role: 'web',
    platforms: async (context) => {
      const platforms = await configuredPlatforms(
        config,
        { ...context, pipeline: metrics.instrumentPipeline(context.pipeline) },
        { observe: { rateLimited: (platform) => metrics.rateLimited(platform) } },
      );
      return platforms.map((platform) => metrics.instrumentPlatform(platform));
    },
  });
  try {
    metrics.watchQueues(() => nabo.jobs.queues.all());
    const web = await startWebProcess({
      port: config.port,
      ...(host !== undefined ? { host } : {}),
      db: nabo.db,
      redis: nabo.redis,
      platforms: nabo.hosted,
      metrics,
    });
    nabo.logger.info(
      { port: web.port, platforms: nabo.platforms.list().map((platform) => platform.id) },
      'web process listening',
    );
    return { nabo, web, metrics };
  } catch (error) {
    await nabo.close().catch(() => undefined);
    throw error;
  }
}
