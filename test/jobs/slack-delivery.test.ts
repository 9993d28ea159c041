import { composeConversation } from '../../app/compose.js';
import { identityOn } from '../../models/identities.js';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackPlatform } from '../../adapters/slack/index.js';
import type { RunningJobs } from '../../jobs/start-jobs.js';
import type { Area, Person } from '../../models/types.js';
import { fixedClock } from '../../kernel/clock.js';
import { createLogger } from '../../kernel/logger.js';
import { useTestDatabase } from '../support/database.js';
import { slackEstate, startTestJobs, uniquePrefix, waitFor } from './support/jobs-harness.js';

/** The hand-out runs on the 1st at 09:00, as the scheduler would start it. */
const clock = fixedClock('2026-12-01T09:00:00+01:00');
const db = useTestDatabase({ now: () => clock.now() });
let jobs: RunningJobs;
let area: Area;
let ambassadors: Person[];
let coordinator: Person;
const posted: Array<{ channel: string; text: string; blocks: string }> = [];

beforeAll(async () => {
  ({ area, ambassadors, coordinator } = await slackEstate(db(), { ambassadors: 2, households: 3 }));
  const logger = createLogger({ level: 'silent' });
  const slack = createSlackPlatform(
    { botToken: 'xoxb-test', signingSecret: 'test-secret', appToken: undefined, apiUrl: undefined },
    composeConversation({
      db: db(),
      clock,
      logger,
      timeZone: 'Europe/Copenhagen',
      locale: 'da',
    }).context,
  );
  nock('https://slack.com')
    .persist()
    .post('/api/conversations.open')
    .reply(200, async (request: Request) => {
      const users = new URLSearchParams(await request.text()).get('users');
      return { ok: true, channel: { id: `D-${users}` } };
    })
    .post('/api/chat.postMessage')
    .reply(200, async (request: Request) => {
      const form = new URLSearchParams(await request.text());
      posted.push({
        channel: form.get('channel') ?? '',
        text: form.get('text') ?? '',
        blocks: form.get('blocks') ?? '',
      });
      return { ok: true, channel: form.get('channel'), ts: `${Date.now()}.${posted.length}` };
    });
  jobs = await startTestJobs(db(), { prefix: uniquePrefix('slack'), platforms: [slack], clock });
});

afterAll(async () => {
  nock.cleanAll();
  await jobs?.queues.obliterate();
  await jobs?.close();
});

describe('the monthly hand-out through the real Slack platform', () => {
  it('when the scheduled run comes, then chat.postMessage goes once to each DM, with report buttons', async () => {
    const [scheduled] = (await jobs.queues.schedule.getDelayed()).filter(
      (job) => job.data.kind === 'assign',
    );
    await scheduled!.promote();
    await waitFor(() => posted.length >= 3, 'two ambassadors and the coordinator on Slack');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const channels = posted.map((post) => post.channel).sort();
    const expected = [...ambassadors, coordinator]
      .map((person) => `D-${identityOn(person, 'slack')!.userId}`)
      .sort();
    expect(channels).toEqual(expected);
    const toFirst = posted.find(
      (post) => post.channel === `D-${identityOn(ambassadors[0]!, 'slack')!.userId}`,
    )!;
    expect(toFirst.text).toMatch(/husstand/);
    expect(toFirst.blocks).toMatch(/"action_id"/);
    expect(toFirst.blocks).toMatch(/Testvej/);
    expect(area.key).toBeTruthy();
  });
});
