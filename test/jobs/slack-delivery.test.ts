import { composeConversation } from '../../app/compose.js';
import { identityOn } from '../../models/identities.js';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackPlatform } from '../../adapters/slack/index.js';
import type { RunningJobs } from '../../jobs/start-jobs.js';
import type { Area, Person } from '../../models/types.js';
import { sendKeys } from '../../jobs/delivery/send-keys.js';
import { runMonthlyAssignment } from '../../src/assignment/run-monthly-assignment.js';
import { fixedClock } from '../../kernel/clock.js';
import { createLogger } from '../../kernel/logger.js';
import { useTestDatabase } from '../support/database.js';
import { slackEstate, startTestJobs, uniquePrefix, waitFor } from './support/jobs-harness.js';

/** The hand-out runs on the 1st at 09:00, as the scheduler would start it. */
const clock = fixedClock('2026-12-01T09:00:00+01:00');
const db = useTestDatabase({ now: () => clock.now() });
let jobs: RunningJobs;
/** What conversations.history answers: messages already in a DM, with their metadata. */
const history: Array<{
  channel: string;
  ts: string;
  metadata?: { event_type: string; event_payload: { send_key: string } };
}> = [];
const historyCalls: URLSearchParams[] = [];
let area: Area;
let ambassadors: Person[];
let coordinator: Person;
const posted: Array<{ channel: string; text: string; blocks: string; sendKey?: string }> = [];

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
      const metadata = form.get('metadata');
      const sendKey = metadata
        ? (JSON.parse(metadata) as { event_payload: { send_key: string } }).event_payload.send_key
        : undefined;
      posted.push({
        channel: form.get('channel') ?? '',
        text: form.get('text') ?? '',
        blocks: form.get('blocks') ?? '',
        ...(sendKey ? { sendKey } : {}),
      });
      return { ok: true, channel: form.get('channel'), ts: `${Date.now()}.${posted.length}` };
    })
    .post('/api/conversations.history')
    .reply(200, async (request: Request) => {
      const form = new URLSearchParams(await request.text());
      historyCalls.push(form);
      const channel = form.get('channel');
      return { ok: true, messages: history.filter((message) => message.channel === channel) };
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

  /** A crash left the send `sending`: it may be in the person's DM already. */
  async function interruptedSend(
    alreadyOnSlack: boolean,
  ): Promise<{ key: string; channel: string }> {
    const estate = await slackEstate(db(), { ambassadors: 1, households: 1 });
    const ambassador = estate.ambassadors[0]!;
    await runMonthlyAssignment(db(), { area: estate.area, month: '2026-12', now: clock.now() });
    const key = sendKeys.assignment(estate.area.key, '2026-12', ambassador.id);
    const channel = `D-${identityOn(ambassador, 'slack')!.userId}`;
    await db().conversationLinks.upsert({
      personId: ambassador.id,
      platform: 'slack',
      address: { teamId: 'T1', channel },
    });
    await db().sendLedger.record(key, {
      name: 'assignment',
      data: {
        kind: 'assignment',
        areaId: estate.area.id,
        month: '2026-12',
        personId: ambassador.id,
      },
    });
    expect(await db().sendLedger.claim(key, { platform: 'slack' })).toBe(true);
    if (alreadyOnSlack) {
      history.push({
        channel,
        ts: '1764576000.000100',
        metadata: { event_type: 'nabo_send', event_payload: { send_key: key } },
      });
    }
    await jobs.queues
      .send('slack')
      .add(
        'assignment',
        { kind: 'assignment', areaId: estate.area.id, month: '2026-12', personId: ambassador.id },
        { jobId: key },
      );
    return { key, channel };
  }

  it('when a crash left the send unconfirmed and Slack has the message with its send key, then it is not posted again', async () => {
    const { key, channel } = await interruptedSend(true);
    await waitFor(
      async () => (await db().sendLedger.get(key))?.status === 'sent',
      'the ledger to be completed from Slack',
    );
    expect(posted.filter((post) => post.channel === channel)).toHaveLength(0);
    const asked = historyCalls.find((form) => form.get('channel') === channel);
    expect(asked?.get('include_all_metadata')).toBe('true');
  });

  it('when a crash left the send unconfirmed and Slack does not have it, then it is posted once, carrying its send key', async () => {
    const { key, channel } = await interruptedSend(false);
    await waitFor(
      async () => (await db().sendLedger.get(key))?.status === 'sent',
      'the message to be sent',
    );
    const toPerson = posted.filter((post) => post.channel === channel);
    expect(toPerson).toHaveLength(1);
    expect(toPerson[0]!.sendKey).toBe(key);
  });
});
