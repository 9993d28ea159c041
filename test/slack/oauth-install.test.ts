import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeConversation } from '../../app/compose.js';
import { startWebProcess, type WebProcess } from '../../adapters/http/web-process.js';
import {
  createSlackPlatform,
  SLACK_BOT_SCOPES,
  type SlackPlatform,
} from '../../adapters/slack/index.js';
import type { RunningJobs } from '../../jobs/start-jobs.js';
import { fixedClock } from '../../kernel/clock.js';
import { createLogger } from '../../kernel/logger.js';
import { createSecretBox } from '../../models/database.js';
import type { Person } from '../../models/types.js';
import type { SlackConfig } from '../../src/config/config.js';
import { useTestDatabase } from '../support/database.js';
import { startTestJobs, uniquePrefix, waitFor } from '../jobs/support/jobs-harness.js';
import { LogCapture, deliverSlackEvent } from './support/harness.js';

/**
 * Slack's OAuth install in several workspaces, end to end: a browser's visits to /slack/install
 * and /slack/oauth_redirect, Slack's events, and the worker's sends all go through the real web
 * process, Bolt and the worker; only slack.com (oauth.v2.access, auth.test, chat.postMessage) is
 * answered by nock.
 */
const clock = fixedClock('2026-12-01T09:00:00+01:00');
const db = useTestDatabase({ now: () => clock.now() });

const SIGNING_SECRET = 'oauth-test-signing-secret';
const ENCRYPTION_KEY = randomBytes(32);
const A = 'T0AAA';
const B = 'T0BBB';
const OUTSIDER = 'T0OUTSIDE';
/** The bot token Slack issues to each workspace when it installs Nabo. */
const TOKENS: Record<string, string> = {
  [A]: `xoxb-aaa-${randomBytes(8).toString('hex')}`,
  [B]: `xoxb-bbb-${randomBytes(8).toString('hex')}`,
  [OUTSIDER]: `xoxb-out-${randomBytes(8).toString('hex')}`,
};
const tokenOwner = (authorization: string | null): string | undefined =>
  Object.keys(TOKENS).find((team) => authorization === `Bearer ${TOKENS[team]}`);

const config: SlackConfig = {
  oauth: {
    clientId: '1111.2222',
    clientSecret: 'oauth-test-client-secret',
    stateSecret: 'oauth-test-state-secret',
    tokenEncryptionKey: ENCRYPTION_KEY,
  },
  signingSecret: SIGNING_SECRET,
  appToken: undefined,
  apiUrl: undefined,
  allowedWorkspaces: [A, B],
};

interface Post {
  /** The workspace whose token the post was made with. */
  team: string | undefined;
  channel: string;
  text: string;
}
const posts: Post[] = [];
const exchanges: string[] = [];

function fakeSlack(): void {
  nock('https://slack.com')
    .persist()
    .post('/api/oauth.v2.access')
    .reply(async (request: Request) => {
      const form = new URLSearchParams(await request.text());
      const team = (form.get('code') ?? '').replace(/^code-/, '');
      exchanges.push(team);
      return [
        200,
        {
          ok: true,
          app_id: 'A0NABO',
          authed_user: { id: 'U0ADMIN' },
          scope: SLACK_BOT_SCOPES.join(','),
          token_type: 'bot',
          access_token: TOKENS[team],
          bot_user_id: `U0BOT${team}`,
          team: { id: team, name: `Boligselskab ${team}` },
          enterprise: null,
          is_enterprise_install: false,
        },
      ];
    })
    .post('/api/auth.test')
    .reply((request: Request) => {
      const team = tokenOwner(request.headers.get('authorization'));
      return [
        200,
        team
          ? { ok: true, team_id: team, user_id: `U0BOT${team}`, bot_id: `B0BOT${team}` }
          : { ok: false, error: 'invalid_auth' },
      ];
    })
    .post('/api/chat.postMessage')
    .reply(async (request: Request) => {
      const form = new URLSearchParams(await request.text());
      posts.push({
        team: tokenOwner(request.headers.get('authorization')),
        channel: form.get('channel') ?? '',
        text: form.get('text') ?? '',
      });
      return [200, { ok: true, channel: form.get('channel'), ts: `1790000000.${posts.length}` }];
    });
}

const logs = new LogCapture();
let redis: Redis;
let web: WebProcess;
let slack: SlackPlatform;
const base = (): string => `http://127.0.0.1:${web.port}`;

beforeAll(async () => {
  fakeSlack();
  redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const conversation = composeConversation({
    db: db(),
    clock,
    logger: createLogger({ level: 'info', destination: logs }),
    timeZone: 'Europe/Copenhagen',
    locale: 'da',
  });
  slack = conversation.register(createSlackPlatform(config, conversation.context));
  web = await startWebProcess({
    port: 0,
    host: '127.0.0.1',
    db: db(),
    redis,
    platforms: [slack],
  });
});

afterAll(async () => {
  nock.cleanAll();
  await web?.close();
  await redis?.quit();
});

/** What a workspace admin's browser does: the install link, Slack's consent, back to Nabo. */
async function install(team: string): Promise<{ status: number; page: string }> {
  const start = await fetch(`${base()}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const consent = new URL(start.headers.get('location') ?? '');
  expect(consent.origin + consent.pathname).toBe('https://slack.com/oauth/v2/authorize');
  expect(consent.searchParams.get('scope')?.split(',').sort()).toEqual(
    [...SLACK_BOT_SCOPES].sort(),
  );
  const state = consent.searchParams.get('state') ?? '';
  // The state is also a cookie in the admin's browser: a link without it is refused.
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const back = await fetch(
    `${base()}/slack/oauth_redirect?code=code-${team}&state=${encodeURIComponent(state)}`,
    { headers: { cookie }, redirect: 'manual' },
  );
  return { status: back.status, page: await back.text() };
}

let sequence = 0;
async function postEvent(team: string, event: Record<string, unknown>): Promise<number> {
  const body = JSON.stringify({
    token: 'legacy',
    team_id: team,
    api_app_id: 'A0NABO',
    event,
    type: 'event_callback',
    event_id: `EvOAUTH${++sequence}`,
    event_time: 1_790_000_000 + sequence,
    authorizations: [{ enterprise_id: null, team_id: team, user_id: `U0BOT${team}`, is_bot: true }],
    is_enterprise_install: false,
  });
  const status = await deliverSlackEvent(`${base()}/slack/events`, body, {
    secret: SIGNING_SECRET,
  });
  await slack.settled();
  return status;
}

function directMessage(team: string, user: string, text: string): Record<string, unknown> {
  const ts = `1790000${String(++sequence).padStart(3, '0')}.000100`;
  return {
    type: 'message',
    channel: `D${user}`,
    channel_type: 'im',
    user,
    text,
    ts,
    event_ts: ts,
    team,
  };
}

async function storedDocuments(): Promise<Array<Record<string, unknown>>> {
  const client = await MongoClient.connect(db.uri());
  try {
    return await client.db(db.dbName()).collection('slackinstallations').find({}).toArray();
  } finally {
    await client.close();
  }
}

describe('Slack installs in several workspaces (OAuth)', () => {
  it('when two workspaces install Nabo, then each gets its own token, stored encrypted', async () => {
    const first = await install(A);
    const second = await install(B);

    expect(first.status).toBe(200);
    expect(first.page).toContain('Nabo er installeret');
    expect(second.status).toBe(200);
    expect(exchanges).toEqual([A, B]);
    expect(await db().slackInstallations.listKeys()).toEqual([A, B]);

    const sealed = db().slackInstallations.sealedWith(createSecretBox(ENCRYPTION_KEY));
    const installed = async (team: string) =>
      JSON.parse((await sealed.find({ teamId: team, isEnterpriseInstall: false })) ?? '{}') as {
        bot?: { token?: string; userId?: string };
      };
    expect((await installed(A)).bot?.token).toBe(TOKENS[A]);
    expect((await installed(B)).bot?.token).toBe(TOKENS[B]);

    // What MongoDB (and every backup of it) holds: ids in clear, no token.
    const documents = await storedDocuments();
    expect(documents.map((document) => document.teamId).sort()).toEqual([A, B]);
    const raw = JSON.stringify(documents);
    expect(raw).not.toContain(TOKENS[A]);
    expect(raw).not.toContain(TOKENS[B]);
    expect(raw).not.toContain('xoxb-');
    // Another key opens nothing.
    const wrongKey = db().slackInstallations.sealedWith(createSecretBox(randomBytes(32)));
    await expect(wrongKey.find({ teamId: A, isEnterpriseInstall: false })).rejects.toThrow(
      /another key/,
    );
  });

  it('when a person in workspace B writes to Nabo, then the answer is posted with B’s token', async () => {
    posts.length = 0;
    expect(await postEvent(B, directMessage(B, 'U0BEATE', 'hjælp'))).toBe(200);

    expect(posts.length).toBeGreaterThan(0);
    expect(posts.map((post) => [post.team, post.channel])).toEqual(
      posts.map(() => [B, 'DU0BEATE']),
    );
  });

  it('when the worker hands out visits, then each person gets the DM with their own workspace’s token', async () => {
    const area = await db().areas.create({ key: 'oauth-park', name: 'Testparken' });
    const agreed = new Date('2026-01-01T00:00:00Z');
    const ambassador = await db().people.add({
      name: 'Ambassadør i A',
      roles: [{ areaId: area.id, role: 'ambassador' }],
      identities: [{ platform: 'slack', workspaceId: A, userId: 'U0ANNA' }],
      monthlyCapacity: 5,
      volunteerAgreementAt: agreed,
      confidentialityAt: agreed,
    });
    const coordinator = await db().people.add({
      name: 'Koordinator i B',
      roles: [{ areaId: area.id, role: 'coordinator' }],
      identities: [{ platform: 'slack', workspaceId: B, userId: 'U0BO' }],
    });
    const dms: Array<[Person, string, string]> = [
      [ambassador, A, 'DU0ANNA'],
      [coordinator, B, 'DU0BO'],
    ];
    for (const [person, teamId, channel] of dms) {
      await db().conversationLinks.upsert({
        personId: person.id,
        platform: 'slack',
        address: { teamId, channel },
      });
    }
    await db().residents.importMany(area.id, [
      {
        names: ['Beboer 1'],
        address: 'Testvej 1',
        moveInDate: '2026-11-10',
        source: { list: 't', row: 1 },
      },
    ]);

    // The worker process builds its own Slack platform from the same configuration: the tokens
    // come from MongoDB, not from the web process that took the installs.
    const worker = createSlackPlatform(
      config,
      composeConversation({
        db: db(),
        clock,
        logger: createLogger({ level: 'info', destination: logs }),
        timeZone: 'Europe/Copenhagen',
        locale: 'da',
      }).context,
    );
    posts.length = 0;
    let jobs: RunningJobs | undefined;
    try {
      jobs = await startTestJobs(db(), {
        prefix: uniquePrefix('oauth'),
        platforms: [worker],
        clock,
      });
      const [scheduled] = (await jobs.queues.schedule.getDelayed()).filter(
        (job) => job.data.kind === 'assign' && job.data.areaId === area.id,
      );
      await scheduled!.promote();
      await waitFor(() => posts.length >= 2, 'the hand-out and the coordinator’s summary');
    } finally {
      await jobs?.queues.obliterate();
      await jobs?.close();
    }

    const toAmbassador = posts.filter((post) => post.channel === 'DU0ANNA');
    expect(toAmbassador.length).toBeGreaterThan(0);
    expect(toAmbassador.every((post) => post.team === A)).toBe(true);
    expect(toAmbassador.map((post) => post.text).join('\n')).toMatch(/husstand/);
    const toCoordinator = posts.filter((post) => post.channel === 'DU0BO');
    expect(toCoordinator.length).toBeGreaterThan(0);
    expect(toCoordinator.every((post) => post.team === B)).toBe(true);
  });

  it('when a workspace outside NABO_SLACK_WORKSPACE_IDS installs Nabo, then it is refused with a page saying so and nothing is stored', async () => {
    const refused = await install(OUTSIDER);

    expect(refused.status).toBe(403);
    expect(refused.page).toContain('Nabo kan ikke installeres her');
    expect(refused.page).toContain('ikke godkendt');
    expect(await db().slackInstallations.listKeys()).toEqual([A, B]);
    expect(
      logs.lines.filter(
        (line) => line.msg === 'Slack install refused: workspace not in NABO_SLACK_WORKSPACE_IDS',
      ),
    ).toEqual([expect.objectContaining({ teamId: OUTSIDER })]);
  });

  it('when the return from Slack does not carry the state this browser was given, then the install is refused and no code is exchanged', async () => {
    const exchanged = exchanges.length;
    const forged = await fetch(`${base()}/slack/oauth_redirect?code=code-${A}&state=forged`);

    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Installationen lykkedes ikke');
    expect(exchanges).toHaveLength(exchanged);
  });

  it('when workspace A uninstalls Nabo, then its installation is erased, one line is logged, and its later messages are not answered', async () => {
    expect(await postEvent(A, { type: 'app_uninstalled', event_ts: '1790000100.000100' })).toBe(
      200,
    );

    expect(await db().slackInstallations.listKeys()).toEqual([B]);
    const erased = logs.lines.filter((line) =>
      String(line.msg).startsWith('Slack installation erased'),
    );
    expect(erased).toEqual([expect.objectContaining({ teamId: A })]);

    posts.length = 0;
    expect(await postEvent(A, directMessage(A, 'U0ANNA', 'hjælp'))).toBe(200);
    expect(posts).toEqual([]);
    // B is not affected.
    await postEvent(B, directMessage(B, 'U0BEATE', 'hjælp'));
    expect(posts.map((post) => post.team)).toContain(B);

    // A reminder for someone in A now finds no token: the person is unreachable, not an error.
    posts.length = 0;
    const inA = await db().people.findByIdentity({
      platform: 'slack',
      workspaceId: A,
      userId: 'U0ANNA',
    });
    expect(await slack.adapter.sendToPerson(inA!, { text: 'Husk besøget' })).toEqual({
      unreachable: true,
      reason: 'not_installed',
    });
    expect(posts).toEqual([]);
  });

  it('when workspace B revokes the bot’s token, then its installation is erased too', async () => {
    await postEvent(B, {
      type: 'tokens_revoked',
      tokens: { bot: [`U0BOT${B}`] },
      event_ts: '1790000200.000100',
    });

    expect(await db().slackInstallations.listKeys()).toEqual([]);
    expect(await storedDocuments()).toEqual([]);
  });

  it('when anything above was logged, then no token and no client secret is in the log', () => {
    const text = logs.text();
    for (const token of Object.values(TOKENS)) expect(text).not.toContain(token);
    expect(text).not.toContain('xoxb-');
    expect(text).not.toContain(config.oauth!.clientSecret);
    expect(text).not.toContain(ENCRYPTION_KEY.toString('base64'));
  });
});
