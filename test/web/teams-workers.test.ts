import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKey } from '../../adapters/teams/inbound.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { activityFrom, newUser } from '../teams/support/harness.js';
import { teamsAmbassador } from '../teams/support/people.js';
import { RECORD_MODULES, startWebChild, type WebChild } from './support/web-child.js';

/**
 * A Teams-only web process with two workers (WEB_CONCURRENCY=2), authentication off
 * (NABO_TEAMS_LOCAL), its Bot Connector played on loopback. The conversation reference a worker
 * needs to update a card is in MongoDB, so it outlives the worker that heard it; and a
 * Teams-only process never loads Slack's Bolt.
 */

/** The web workers' "now" (NABO_NOW below): the store, and its TTL sweeps, run on it too. */
const NOW = '2026-11-27T10:00:00+01:00';
const db = useTestDatabase({ now: () => new Date(NOW) });
const moduleLog = join(mkdtempSync(join(tmpdir(), 'nabo-modules-')), 'web');
const connectorPosts: Array<{ path: string; text: string }> = [];
let connector: Server;
let serviceUrl = '';
let web: WebChild;
let port = 0;

const workerListening = (line: { msg?: string }) => line.msg === 'web worker listening';

beforeAll(async () => {
  connector = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      connectorPosts.push({
        path: incoming.url ?? '',
        text: Buffer.concat(chunks).toString('utf8'),
      });
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: `activity-${connectorPosts.length}` }));
    });
  });
  await new Promise<void>((done) => connector.listen(0, '127.0.0.1', done));
  serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;

  const mongo = new URL(db.uri());
  mongo.pathname = `/${db.dbName()}`;
  web = startWebChild(
    {
      WEB_CONCURRENCY: '2',
      PORT: '0',
      MONGODB_URI: mongo.toString(),
      NABO_QUEUE_PREFIX: `nabo-web-${randomBytes(4).toString('hex')}`,
      NABO_NOW: NOW,
      NABO_TEAMS_LOCAL: 'true',
      NABO_TEST_MODULE_LOG: moduleLog,
    },
    { preload: [RECORD_MODULES] },
  );
  await web.waitForCount(workerListening, 2);
  const listening = await web.waitForCount((line) => line.msg === 'web process listening', 2);
  port = Number(listening[0]?.port);
}, 90_000);

afterAll(async () => {
  await web?.stop();
  await new Promise((done) => connector?.close(done));
});

describe('Teams with WEB_CONCURRENCY=2', () => {
  it('when an ambassador writes, then the answer reaches the conversation and its reference is in MongoDB, surviving both workers', async () => {
    const estate = await createEstate(db());
    const user = newUser();
    const person = await teamsAmbassador(estate, user);
    await estate.assign(person, [{ names: ['Per Hansen'], address: 'Gudrunsvej 12' }]);

    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify(
        activityFrom(user, { text: 'mine besøg', textFormat: 'plain', serviceUrl }),
      ),
    });
    expect(response.status).toBe(200);
    for (let round = 0; round < 600 && connectorPosts.length === 0; round++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(connectorPosts[0]?.path).toContain(
      `/v3/conversations/${encodeURIComponent(user.conversationId)}/activities`,
    );

    for (const line of web.lines.filter(workerListening)) {
      process.kill(Number(line.pid), 'SIGKILL');
    }
    await web.waitForCount((line) => line.msg === 'web worker died: starting a new one', 2);
    await web.waitForCount(workerListening, 4);

    const stored = await db().conversationReferences.get(
      'teams',
      conversationKey(user.conversationId),
    );
    expect(stored).toMatchObject({ serviceUrl, conversation: { id: user.conversationId } });
  }, 90_000);

  it('when stopped, then it exits cleanly and never loaded Slack’s Bolt', async () => {
    expect(await web.stop()).toBe(0);
    const workers = web.lines.filter(workerListening).map((line) => line.pid);
    const logs = readdirSync(join(moduleLog, '..')).filter((file) =>
      workers.some((pid) => file === `web.${pid}.json`),
    );
    expect(logs).toHaveLength(2);
    for (const file of logs) {
      const modules = JSON.parse(readFileSync(join(moduleLog, '..', file), 'utf8')) as string[];
      expect(modules.some((url) => url.includes('/node_modules/botbuilder/'))).toBe(true);
      expect(modules.filter((url) => url.includes('/node_modules/@slack/'))).toEqual([]);
    }
  });
});
