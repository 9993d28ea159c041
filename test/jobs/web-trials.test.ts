import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { seededRandom } from './support/fake-slack-api.js';
import { REDIS_URL, uniquePrefix } from './support/jobs-harness.js';
import { runWebTrial, WEB_TRIAL_NOW, type WebTrialContext } from './support/web-trials.js';
import type { WebChild } from '../inbox/support/web-child.js';

/**
 * One trial of each web fault the chaos script runs more of (`npm run chaos`): the web process
 * SIGKILLed after Slack got its 200s, MongoDB restarted, and stale or repeated buttons — each
 * under load, over real HTTP with signed payloads. test/inbox/mongo-drop.test.ts causes the
 * restart's two kinds of loss deterministically, test/models/stuck-write-watchdog.test.ts the
 * driver's lost server.
 */
const SEED = 16_3;
// The web processes run on NABO_NOW; the store expires their done inbox entries on that clock.
const db = useTestDatabase({ now: () => new Date(WEB_TRIAL_NOW) });
const prefix = uniquePrefix('web-trials');
const webs: WebChild[] = [];
let context: WebTrialContext | undefined;

function trialContext(): WebTrialContext {
  context ??= {
    db: db(),
    mongoUri: db.uri(),
    dbName: db.dbName(),
    redisUrl: REDIS_URL,
    prefix,
    random: seededRandom(SEED),
    webs,
    trials: 0,
  };
  return context;
}

afterAll(async () => {
  for (const web of webs) await web.kill('SIGKILL');
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('reports and buttons while the web side fails (chaos trials)', () => {
  it('when the web process is SIGKILLed after acknowledging reports and started again, then every acknowledged report is stored once and answered once', async () => {
    const result = await runWebTrial(trialContext(), { kind: 'web-kill' });
    expect(result).toMatchObject({ sent: result.people, lost: 0, duplicated: 0 });
    expect(result.stored).toBe(result.people);
  }, 120_000);

  it('when MongoDB restarts while ambassadors report, then every acknowledged report is stored once and answered once', async () => {
    const result = await runWebTrial(trialContext(), { kind: 'mongo-restart' });
    expect(result).toMatchObject({ sent: result.people, lost: 0, duplicated: 0 });
    expect(result.stored).toBe(result.people);
  }, 120_000);

  it('when "Ikke hjemme" is pressed twice, on an older list and replayed, all under load, then one attempt per household and every other press says it is already recorded', async () => {
    const result = await runWebTrial(trialContext(), { kind: 'stale-buttons' });
    expect(result).toMatchObject({ lost: 0, duplicated: 0 });
    expect(result.stored).toBe(result.people);
  }, 120_000);
});
