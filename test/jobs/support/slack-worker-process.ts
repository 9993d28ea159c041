/**
 * A worker process for the kill trials: the real jobs runtime with the real Slack platform,
 * talking to a Slack Web API on loopback (SLACK_API_URL). Configured by environment:
 * NABO_TEST_MONGO_URI, NABO_TEST_DB, NABO_TEST_PREFIX, SLACK_API_URL, REDIS_URL, NABO_NOW.
 */
import { composeConversation } from '../../../app/compose.js';
import { createSlackPlatform } from '../../../adapters/slack/index.js';
import { connectDatabase } from '../../../models/database.js';
import { loadConfig } from '../../../src/config/config.js';
import { processClock } from '../../../kernel/clock.js';
import { createLogger } from '../../../kernel/logger.js';
import { startTestJobs } from './jobs-harness.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const clock = processClock(loadConfig().now);
const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
const db = await connectDatabase(env('NABO_TEST_MONGO_URI'), {
  dbName: env('NABO_TEST_DB'),
  now: () => clock.now(),
});
const slack = createSlackPlatform(
  {
    botToken: 'xoxb-test',
    signingSecret: 'test-secret',
    appToken: undefined,
    apiUrl: env('SLACK_API_URL'),
  },
  composeConversation({ db, clock, logger, timeZone: 'Europe/Copenhagen', locale: 'da' }).context,
);
const jobs = await startTestJobs(db, {
  prefix: env('NABO_TEST_PREFIX'),
  clock,
  logger,
  platforms: [slack],
  sendConcurrency: 4,
  reconcileIntervalMs: Number(process.env.NABO_RECONCILE_INTERVAL_MS ?? 500),
});
process.on('SIGTERM', () => {
  void jobs.close().then(() => process.exit(0));
});
process.send?.('ready');
