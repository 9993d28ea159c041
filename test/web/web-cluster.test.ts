import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { nowSeconds, slackHeaders } from '../support/slack-delivery.js';
import {
  RECORD_MODULES,
  startFakeSlackServer,
  startWebChild,
  type FakeSlackServer,
  type WebChild,
} from './support/web-child.js';

/**
 * The web process as it runs in production: app/web.ts in a child process, with
 * WEB_CONCURRENCY=2 (two node:cluster workers on one port), against the test's MongoDB and the
 * real Redis, Slack's Web API played on loopback. Requests are real signed HTTP requests, each
 * on its own connection, so the primary hands them to the workers in turn.
 */

/** The web workers' "now" (NABO_NOW below): the store, and its TTL sweeps, run on it too. */
const NOW = '2026-11-27T10:00:00+01:00';
const db = useTestDatabase({ now: () => new Date(NOW) });
const SECRET = 'web-cluster-signing-secret';
const TEAM = 'T0WEB';
const USERS = ['U0WEB1', 'U0WEB2', 'U0WEB3'];
const moduleLog = join(mkdtempSync(join(tmpdir(), 'nabo-modules-')), 'web');

let slack: FakeSlackServer;
let web: WebChild;
let port = 0;
let exitCode: number | null | undefined;

function signedDirectMessage(
  user: string,
  text: string,
): { body: string; headers: Record<string, string> } {
  const now = nowSeconds();
  const body = JSON.stringify({
    token: 'x',
    team_id: TEAM,
    api_app_id: 'A0WEB',
    type: 'event_callback',
    event_id: `Ev${randomBytes(8).toString('hex')}`,
    event_time: now,
    authorizations: [{ team_id: TEAM, user_id: 'U0BOT', is_bot: true }],
    event: {
      type: 'message',
      channel: `D${user}`,
      channel_type: 'im',
      user,
      text,
      ts: `${now}.${randomBytes(3).readUIntBE(0, 3)}`,
      team: TEAM,
    },
  });
  return { body, headers: slackHeaders(body, { secret: SECRET }) };
}

/** One request on a connection of its own (no keep-alive), so each may reach another worker. */
function send(
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? 'GET',
        headers: init.headers,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

const postDirectMessage = (user: string, text: string) => {
  const { body, headers } = signedDirectMessage(user, text);
  return send('/slack/events', { method: 'POST', body, headers });
};

/** Waits (by polling the fake API, no timing asserted) until `count` replies have been posted. */
async function repliesReach(count: number): Promise<void> {
  for (let round = 0; round < 600 && slack.posts.length < count; round++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const workerListening = (line: { msg?: string }) => line.msg === 'web worker listening';

beforeAll(async () => {
  slack = await startFakeSlackServer();
  const estate = await createEstate(db());
  for (const [index, user] of USERS.entries()) {
    const person = await estate.ambassador(`Ambassadør ${index}`, {
      platform: 'slack',
      workspaceId: TEAM,
      userId: user,
    });
    await estate.assign(person, [
      { names: [`Familie ${index}`], address: `Klyngevej ${index + 1}` },
    ]);
  }
  const mongo = new URL(db.uri());
  mongo.pathname = `/${db.dbName()}`;
  web = startWebChild(
    {
      WEB_CONCURRENCY: '2',
      PORT: '0',
      MONGODB_URI: mongo.toString(),
      NABO_QUEUE_PREFIX: `nabo-web-${randomBytes(4).toString('hex')}`,
      NABO_NOW: NOW,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-web-cluster',
      SLACK_API_URL: slack.url,
      NABO_TEST_MODULE_LOG: moduleLog,
    },
    { preload: [RECORD_MODULES] },
  );
  await web.waitForCount(workerListening, 2);
  const listening = await web.waitForCount((line) => line.msg === 'web process listening', 2);
  port = Number(listening[0]?.port);
}, 90_000);

afterAll(async () => {
  if (exitCode === undefined) await web?.stop();
  await slack?.close();
});

describe('the web process with WEB_CONCURRENCY=2', () => {
  it('when it starts, then two workers listen on one port', () => {
    const workers = web.lines.filter(workerListening).map((line) => line.pid);
    expect(new Set(workers).size).toBe(2);
    const ports = web.lines
      .filter((line) => line.msg === 'web process listening')
      .map((l) => l.port);
    expect(new Set(ports)).toEqual(new Set([port]));
  });

  it('when ambassadors write "mine besøg", then every signed request is acknowledged and answered with their visits', async () => {
    const before = slack.posts.length;
    const answers = await Promise.all(
      [...USERS, ...USERS].map((user) => postDirectMessage(user, 'mine besøg')),
    );

    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    await repliesReach(before + 6);
    const replies = slack.posts.slice(before);
    expect(replies).toHaveLength(6);
    expect(new Set(replies.map((reply) => reply.channel))).toEqual(
      new Set(USERS.map((user) => `D${user}`)),
    );
    for (const reply of replies) expect(reply.text).toContain('Du har 1 åbent besøg');
  });

  it('when /metrics is asked, then the turns of both workers are counted together', async () => {
    // A reply reaches Slack before its turn is over (marked done, then counted), and a worker
    // reads its metrics one after another: asked at once, the last turn may be half counted.
    await expect
      .poll(async () => (await send('/metrics')).text, { timeout: 10_000, interval: 100 })
      .toMatch(/^nabo_turn_duration_seconds_count\{platform="slack"\} 6$/m);
    const answer = await send('/metrics');
    expect(answer.status).toBe(200);
    const turns =
      /^nabo_turns_total\{[^}]*platform="slack"[^}]*kind="message"[^}]*result="ok"[^}]*\} (\d+)$/m.exec(
        answer.text,
      );
    expect(Number(turns?.[1])).toBe(6);
    expect(answer.text).toMatch(/^nabo_turn_duration_seconds_count\{platform="slack"\} 6$/m);
    expect(answer.text).toMatch(/^nabo_sends_total\{[^}]*result="ok"[^}]*\} 6$/m);
  });

  it('when a worker is killed, then a new one takes its place and requests are still answered', async () => {
    const [first] = web.lines.filter(workerListening);
    process.kill(Number(first?.pid), 'SIGKILL');
    await web.waitFor((line) => line.msg === 'web worker died: starting a new one');
    await web.waitForCount(workerListening, 3);

    const before = slack.posts.length;
    const answers = await Promise.all(USERS.map((user) => postDirectMessage(user, 'mine besøg')));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    await repliesReach(before + 3);
    expect(slack.posts.slice(before)).toHaveLength(3);
  }, 90_000);

  it('when stopped with SIGTERM, then every worker stops and the process exits cleanly, without ever loading botbuilder or a spreadsheet reader', async () => {
    exitCode = await web.stop();
    expect(exitCode).toBe(0);
    expect(web.lines.filter((line) => line.msg === 'web process stopping')).toHaveLength(2);
    expect(web.lines.map((line) => line.msg)).toContain(
      'web process stopping: letting every worker finish',
    );

    const workers = web.lines.filter(workerListening).map((line) => line.pid);
    const logs = readdirSync(join(moduleLog, '..')).filter((file) =>
      workers.some((pid) => file === `web.${pid}.json`),
    );
    // The killed worker wrote nothing; the two that stopped did.
    expect(logs).toHaveLength(2);
    for (const file of logs) {
      const modules = JSON.parse(readFileSync(join(moduleLog, '..', file), 'utf8')) as string[];
      expect(modules.some((url) => url.includes('/node_modules/@slack/bolt/'))).toBe(true);
      expect(
        modules.filter((url) => /\/node_modules\/(botbuilder[^/]*|botframework-[^/]*)\//.test(url)),
      ).toEqual([]);
      expect(
        modules.filter((url) => /\/node_modules\/(exceljs|read-excel-file|yauzl)\//.test(url)),
      ).toEqual([]);
    }
  });
});
