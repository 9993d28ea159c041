import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { startWebChild } from './support/web-child.js';

/**
 * A stop (SIGTERM) that reaches a web process while it is still starting — a deploy right after
 * a restart, or the cluster stopping a worker that has only just listened. MongoDB is reached
 * through a gate the test holds shut, so the process is caught for certain in the middle of its
 * start when the signal comes.
 */

const NOW = '2026-11-27T10:00:00+01:00';
const db = useTestDatabase({ now: () => new Date(NOW) });

/** A TCP gate in front of MongoDB: connections are accepted and held until `open()`. */
async function mongoGate(target: URL) {
  const held: Socket[] = [];
  let opened = false;
  let onFirst: () => void = () => undefined;
  const firstConnection = new Promise<void>((done) => (onFirst = done));
  const pass = (client: Socket) => {
    const server = connect(Number(target.port), target.hostname);
    client.pipe(server).pipe(client);
    const end = () => {
      client.destroy();
      server.destroy();
    };
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
  };
  const gate: Server = createServer((client) => {
    onFirst();
    if (opened) pass(client);
    else held.push(client.pause());
  });
  await new Promise<void>((done) => gate.listen(0, '127.0.0.1', done));
  return {
    port: (gate.address() as AddressInfo).port,
    firstConnection,
    open() {
      opened = true;
      for (const client of held.splice(0)) pass(client.resume());
    },
    close: () => new Promise<void>((done) => gate.close(() => done())),
  };
}

let closeGate: (() => Promise<void>) | undefined;
afterAll(async () => closeGate?.());

describe('a web process stopped while it starts', () => {
  it('when SIGTERM comes before it is up, then it ends on its own rather than by the signal', async () => {
    const target = new URL(db.uri());
    const gate = await mongoGate(target);
    closeGate = gate.close;
    const mongo = new URL(db.uri());
    mongo.host = `127.0.0.1:${gate.port}`;
    mongo.pathname = `/${db.dbName()}`;
    const web = startWebChild({
      WEB_CONCURRENCY: '1',
      PORT: '0',
      MONGODB_URI: mongo.toString(),
      NABO_QUEUE_PREFIX: `nabo-web-${randomBytes(4).toString('hex')}`,
      NABO_NOW: NOW,
      NABO_TEAMS_LOCAL: 'true',
    });

    await gate.firstConnection;
    web.process.kill('SIGTERM');
    gate.open();

    // It ends on its own, never killed by the signal halfway through its start: closed once up
    // (exit 0), or at the stop's bound (exit 1) when the start outlasts it on a loaded machine.
    const code = await web.stop();
    expect(web.process.signalCode).toBeNull();
    expect([0, 1]).toContain(code);
    if (code === 0) {
      expect(web.lines.map((line) => line.msg)).toEqual(
        expect.arrayContaining(['web process listening', 'web process stopping']),
      );
    }
  }, 60_000);
});
