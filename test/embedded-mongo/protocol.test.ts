import { Long } from 'bson';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';
import { opMsg, opQuery, RawClient } from './raw-client.js';

let server: EmbeddedMongo;
let client: MongoClient;

beforeAll(async () => {
  server = await startEmbeddedMongo();
  client = new MongoClient(`${server.uri}protocol`);
  await client.connect();
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

describe('embedded mongo: connection and handshake', () => {
  it('exposes a uri without database that takes an appended name', () => {
    expect(server.uri).toBe(`mongodb://127.0.0.1:${server.port}/`);
    expect(new URL(`${server.uri}nabo`).pathname).toBe('/nabo');
    expect(server.host).toBe('127.0.0.1');
  });

  it('answers hello with the full standalone field set', async () => {
    const hello = await client.db('admin').command({ hello: 1 });
    expect(hello).toMatchObject({
      isWritablePrimary: true,
      helloOk: true,
      maxBsonObjectSize: 16777216,
      maxMessageSizeBytes: 48000000,
      maxWriteBatchSize: 100000,
      logicalSessionTimeoutMinutes: 30,
      minWireVersion: 0,
      readOnly: false,
      ok: 1,
    });
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect(hello.maxWireVersion).toBeLessThanOrEqual(29);
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(typeof hello.connectionId).toBe('number');
    expect(hello.compression).toBeUndefined();
  });

  it('answers the legacy isMaster over OP_QUERY with an OP_REPLY', async () => {
    const raw = await RawClient.connect(server.port);
    raw.send(opQuery('admin.$cmd', { isMaster: 1, helloOk: true }));
    const [reply] = await raw.next();
    expect(reply?.opCode).toBe(1);
    expect(reply?.doc).toMatchObject({ ismaster: true, maxWireVersion: 21, ok: 1 });
    raw.send(opQuery('admin.$cmd', { $query: { ismaster: 1 } }));
    const [wrapped] = await raw.next();
    expect(wrapped?.doc.ismaster).toBe(true);
    raw.close();
  });

  it('reports buildInfo and ping', async () => {
    const info = await client.db('admin').command({ buildInfo: 1 });
    expect(info.version).toMatch(/^7\./);
    expect(info.versionArray).toEqual([7, 0, 0, 0]);
    await expect(client.db('admin').command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('answers an unknown command with CommandNotFound and keeps the connection working', async () => {
    const db = client.db();
    await expect(db.command({ fooBar: 1 })).rejects.toMatchObject({
      code: 59,
      codeName: 'CommandNotFound',
      message: "no such command: 'fooBar'",
    });
    // Command names are case-sensitive, as in mongod.
    await expect(db.command({ PING: 1 })).rejects.toMatchObject({ code: 59 });
    await expect(db.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });
});

describe('embedded mongo: framing', () => {
  it('reassembles a message split across writes and answers several messages in one chunk', async () => {
    const raw = await RawClient.connect(server.port);
    const message = opMsg({ ping: 1, $db: 'admin' }, { id: 7 });
    raw.send(message.subarray(0, 3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    raw.send(message.subarray(3, 25));
    await new Promise((resolve) => setTimeout(resolve, 20));
    raw.send(message.subarray(25));
    const [first] = await raw.next();
    expect(first).toMatchObject({ opCode: 2013, responseTo: 7, doc: { ok: 1 } });

    raw.send(
      Buffer.concat([
        opMsg({ ping: 1, $db: 'admin' }, { id: 8 }),
        opMsg({ hello: 1, $db: 'admin' }, { id: 9 }),
      ]),
    );
    const replies = await raw.next(2);
    expect(replies.map((reply) => reply.responseTo)).toEqual([8, 9]);
    expect(replies[1]?.doc.isWritablePrimary).toBe(true);
    raw.close();
  });

  it('merges kind-1 document sequences into the body and accepts a checksum', async () => {
    const raw = await RawClient.connect(server.port);
    raw.send(
      opMsg(
        { insert: 'sequences', $db: 'protocol', ordered: true },
        { sequences: { documents: [{ _id: 1 }, { _id: 2 }, { _id: 3 }] }, checksum: true },
      ),
    );
    const [reply] = await raw.next();
    expect(reply?.doc).toMatchObject({ n: 3, ok: 1 });
    raw.close();
    expect(await client.db().collection('sequences').countDocuments()).toBe(3);
  });

  it('sends no reply for moreToCome and still executes the command', async () => {
    const raw = await RawClient.connect(server.port);
    raw.send(
      opMsg(
        {
          insert: 'fireAndForget',
          documents: [{ _id: 'x' }],
          $db: 'protocol',
          writeConcern: { w: 0 },
        },
        { flags: 2 },
      ),
    );
    raw.send(opMsg({ ping: 1, $db: 'admin' }, { id: 42 }));
    const [reply] = await raw.next();
    // The only reply is the ping's: the moreToCome insert was answered with silence.
    expect(reply?.responseTo).toBe(42);
    raw.close();
    expect(
      await client
        .db()
        .collection('fireAndForget')
        .findOne({ _id: 'x' as never }),
    ).not.toBeNull();
  });

  it('closes a connection that sends garbage and keeps serving everyone else', async () => {
    const bad = await RawClient.connect(server.port);
    const garbage = Buffer.alloc(32, 0xff);
    garbage.writeInt32LE(32, 0);
    garbage.writeInt32LE(2013, 12);
    bad.send(garbage);
    await bad.waitForClose();
    expect(bad.closed).toBe(true);

    const huge = await RawClient.connect(server.port);
    const header = Buffer.alloc(16);
    header.writeInt32LE(0x7fffffff, 0);
    huge.send(header);
    await huge.waitForClose();

    const unknownOpcode = await RawClient.connect(server.port);
    const legacy = Buffer.alloc(20);
    legacy.writeInt32LE(20, 0);
    legacy.writeInt32LE(2002, 12); // OP_INSERT, removed in MongoDB 5.1
    unknownOpcode.send(legacy);
    await unknownOpcode.waitForClose();

    await expect(client.db().command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('answers a getMore for an unknown cursor with CursorNotFound', async () => {
    await expect(
      client.db().command({ getMore: Long.fromNumber(123456789), collection: 'sequences' }),
    ).rejects.toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });
});

describe('embedded mongo: lifecycle', () => {
  it('stops while a client is still connected and frees the port', async () => {
    const other = await startEmbeddedMongo();
    const connected = new MongoClient(`${other.uri}x`, { serverSelectionTimeoutMS: 500 });
    await connected.connect();
    await connected.db().collection('c').insertOne({ a: 1 });
    await other.stop();
    await other.stop(); // idempotent
    await expect(connected.db().collection('c').findOne({})).rejects.toThrow();
    await connected.close();
    const again = await startEmbeddedMongo({ port: other.port });
    expect(again.port).toBe(other.port);
    await again.stop();
  });
});
