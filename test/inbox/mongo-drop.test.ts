import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, uniquePrefix } from '../jobs/support/jobs-harness.js';
import { startMongoProxy, type MongoProxy } from '../jobs/support/web-trials.js';
import { deliverSlackEvent, SIGNING_SECRET, TEAM } from '../slack/support/harness.js';
import { directChannelOf, directMessage } from '../slack/support/payloads.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { LocalSlackApi, startWebChild, type WebChild } from './support/web-child.js';

/**
 * MongoDB goes away in the middle of a command: it carried the write out, but the connection is
 * reset before the answer arrives (a mongod restart or a failover does this to whatever is in
 * flight). A proxy in front of the store resets exactly that connection. Before, the event whose
 * inbox insert was cut off this way was refused (503) and Slack's retry then taken for a
 * redelivery another turn held: never answered, until a resumer a lease later. A turn whose
 * report write was cut off failed and waited for that resumer too.
 */
const NOW = '2026-11-27T10:00:00+01:00';

const db = useTestDatabase({ now: () => new Date(NOW) });
const slack = new LocalSlackApi();
const prefix = uniquePrefix('mongo-drop');
let slackApiUrl = '';
let proxy: MongoProxy;
let web: WebChild;

beforeAll(async () => {
  slackApiUrl = await slack.start();
  proxy = await startMongoProxy(db.uri());
  const uri = new URL(proxy.uri);
  uri.pathname = `/${db.dbName()}`;
  web = await startWebChild({
    NODE_ENV: 'test',
    PORT: '0',
    WEB_CONCURRENCY: '1',
    MONGODB_URI: uri.toString(),
    REDIS_URL,
    NABO_QUEUE_PREFIX: prefix,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: slackApiUrl,
    NABO_SLACK_WORKSPACE_IDS: TEAM,
    NABO_NOW: NOW,
  });
});

afterAll(async () => {
  await web?.kill('SIGKILL');
  await proxy?.close();
  await slack.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

/** One delivery of a signed event (a retry carries its number); its HTTP status. */
function deliverOnce(payload: { event_id: string }, retry: number): Promise<number> {
  return deliverSlackEvent(`http://127.0.0.1:${web.port}/slack/events`, payload, { retry });
}

/** Slack's delivery: what gets no 200 is sent again with the next retry number. */
async function deliver(payload: { event_id: string }): Promise<number[]> {
  const statuses: number[] = [];
  for (let retry = 0; retry <= 3; retry += 1) {
    statuses.push(await deliverOnce(payload, retry));
    if (statuses.at(-1) === 200) break;
  }
  return statuses;
}

let users = 0;

async function ambassadorWithOneHousehold() {
  const estate = await createEstate(db());
  const user = `U0DROP${++users}`;
  const person = await estate.ambassador('Birgit Sørensen', {
    platform: 'slack',
    workspaceId: TEAM,
    userId: user,
  });
  await estate.assign(person, [{ names: ['Ove Christensen'], address: 'Gudrunsvej 10' }]);
  const [visit] = await db().visits.listOpenForAmbassador(person.id);
  return { user, visitId: visit!.id };
}

const repliesTo = (user: string) =>
  slack.posts().filter((call) => call.params.channel === directChannelOf(user));

async function doneInInbox(eventId: string): Promise<void> {
  const inbox = db().inbox;
  // No time limit of its own: the test's timeout applies.
  while (!(await inbox.isDone(`slack:event:${eventId}`))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('MongoDB gone between carrying out a write and answering it', () => {
  it('when the inbox insert of a report is cut off this way, then the report is stored once and answered once, and Slack is not left with a refusal', async () => {
    const { user, visitId } = await ambassadorWithOneHousehold();
    const report = directMessage(user, 'ikke hjemme, lagde mappen i postkassen');

    const cutOff = proxy.dropAnswerTo('insert', 'inbox');
    const statuses = await deliver(report);
    await cutOff;
    await doneInInbox(report.event_id);

    expect(statuses.at(-1)).toBe(200);
    expect((await db().visits.findById(visitId))?.attempts).toHaveLength(1);
    expect(repliesTo(user)).toHaveLength(1);
    expect(repliesTo(user)[0]?.params.text ?? '').toContain('ikke hjemme');
  }, 60_000);

  it('when the inbox insert is cut off this way and MongoDB stays away longer than the request waits, then Slack is told "not stored", its retry is told "handled", and the turn still runs once MongoDB is back: one attempt, one reply', async () => {
    const { user, visitId } = await ambassadorWithOneHousehold();
    const report = directMessage(user, 'ikke hjemme, lagde mappen i postkassen');

    const cutOff = proxy.dropAnswerTo('insert', 'inbox');
    const first = deliverOnce(report, 0);
    await cutOff;
    // Away for longer than the insert's own tries wait for a server (2 × 5 s).
    await proxy.restart(12_000);
    expect(await first).toBe(503);
    expect(await deliverOnce(report, 1)).toBe(200);
    await doneInInbox(report.event_id);

    expect((await db().visits.findById(visitId))?.attempts).toHaveLength(1);
    expect(repliesTo(user)).toHaveLength(1);
    await web.logged((line) => line.msg === 'event stored after all: running its turn');
  }, 90_000);

  it('when the write of the report itself is cut off this way, then the turn runs again once MongoDB answers: one attempt, one reply', async () => {
    const { user, visitId } = await ambassadorWithOneHousehold();
    const report = directMessage(user, 'ikke hjemme, lagde mappen i postkassen');

    const cutOff = proxy.dropAnswerTo('findAndModify', 'visits');
    expect(await deliver(report)).toEqual([200]);
    await cutOff;
    await doneInInbox(report.event_id);

    expect((await db().visits.findById(visitId))?.attempts).toHaveLength(1);
    expect(repliesTo(user)).toHaveLength(1);
    expect(repliesTo(user)[0]?.params.text ?? '').toContain('ikke hjemme');
    await web.logged((line) => line.msg === 'turn cut off by MongoDB: running it again');
  }, 60_000);
});
