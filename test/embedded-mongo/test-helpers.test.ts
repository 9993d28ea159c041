import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type NaboDatabase } from '../../models/database.js';
import {
  isEmbeddedMongo,
  startEmbeddedMongo,
  type EmbeddedMongo,
} from '../../models/embedded-mongo/index.js';
import { CommandCounter } from '../support/command-counter.js';
import { assertExaminesAboutWhatItReturns, explainCommand } from '../support/explain.js';

let server: EmbeddedMongo;
let client: MongoClient;

beforeAll(async () => {
  server = await startEmbeddedMongo();
  client = new MongoClient(`${server.uri}helpers`, { monitorCommands: true });
  await client.connect();
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

describe('command counter (test/support/command-counter.ts)', () => {
  it('when a block reads and writes, then each command counts once and the driver’s own ping does not', async () => {
    const counter = new CommandCounter();
    const detach = counter.attach(client);
    const households = client.db().collection('households');
    const { total, byName, result } = await counter.count(async () => {
      await client.db().command({ ping: 1 });
      await households.insertOne({ address: 'Tovet 4', floor: 2 });
      await households.updateOne({ address: 'Tovet 4' }, { $set: { floor: 3 } });
      const found = await households.findOne({ address: 'Tovet 4' });
      await households.countDocuments({ floor: 3 });
      return found?.floor;
    });
    detach();
    expect(result).toBe(3);
    expect(byName).toEqual({ insert: 1, update: 1, find: 1, aggregate: 1 });
    expect(total).toBe(4);
    // Outside count() nothing is recorded.
    const after = await counter.count(() => Promise.resolve('idle'));
    expect(after.total).toBe(0);
  });

  it('when a client was created without command monitoring, then attaching fails loudly', async () => {
    const silent = new MongoClient(`${server.uri}helpers`);
    expect(() => new CommandCounter().attach(silent)).toThrow(/monitorCommands/);
    await silent.close();
  });

  it('when the app’s store is connected with the counter, then repository calls are counted and their reads can be explained', async () => {
    const counter = new CommandCounter();
    const database: NaboDatabase = await connectDatabase(server.uri, {
      dbName: 'helpers_app',
      commandListener: counter.listener,
    });
    try {
      await database.areas.create({ key: 'gellerup', name: 'Gellerup' });
      const { byName, commands } = await counter.count(() => database.areas.findByKey('gellerup'));
      expect(byName).toEqual({ find: 1 });
      const read = commands[0];
      expect(read?.collection).toBe('areas');
      const cost = await explainCommand(client.db('helpers_app'), read?.command ?? {});
      expect(cost).toMatchObject({ returned: 1, docsExamined: 1, index: 'key_1' });
      assertExaminesAboutWhatItReturns(cost);
    } finally {
      await database.drop();
      await database.close();
    }
  });
});

describe('explain helper (test/support/explain.ts)', () => {
  it('when a query scans, then the assertion fails and names the scan', async () => {
    const households = client.db().collection('scanned');
    await households.insertMany(Array.from({ length: 30 }, (_, i) => ({ n: i })));
    const cost = await explainCommand(client.db(), { find: 'scanned', filter: { n: 7 } });
    expect(cost).toMatchObject({ returned: 1, docsExamined: 30, index: undefined });
    expect(() => assertExaminesAboutWhatItReturns(cost, 1, 'households by n')).toThrow(
      'households by n examined 30 documents to return 1 (index: none, collection scan)',
    );
  });
});

describe('embedded server detection', () => {
  it('when the application asks, then the embedded server says it is embedded and in memory', async () => {
    expect(await isEmbeddedMongo(client.db())).toBe(true);
    const info = await client.db('admin').command({ buildInfo: 1 });
    expect(info.embedded).toEqual({ server: 'nabo-embedded-mongo', persistent: false });
    const hello = await client.db('admin').command({ hello: 1 });
    expect(hello.embedded).toEqual({ server: 'nabo-embedded-mongo', persistent: false });
    const database = await connectDatabase(server.uri, { dbName: 'helpers_detect' });
    try {
      expect(await database.isEmbeddedServer()).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('when the server restarts empty on the same port, then a reconnecting client still sees the marker', async () => {
    const first = await startEmbeddedMongo();
    const port = first.port;
    await first.stop();
    const again = await startEmbeddedMongo({ port });
    const reconnecting = new MongoClient(again.uri);
    try {
      await reconnecting.connect();
      expect(await isEmbeddedMongo(reconnecting.db())).toBe(true);
      expect(await reconnecting.db('nabo').listCollections().toArray()).toEqual([]);
    } finally {
      await reconnecting.close();
      await again.stop();
    }
  });

  it('when buildInfo comes from a real mongod, then it is not taken for the embedded server', async () => {
    const realMongod = {
      command: () =>
        Promise.resolve({
          version: '8.0.4',
          gitVersion: 'bc35ab4305d9920d9d0491c1c9ef9b72383d31f9',
          storageEngines: ['devnull', 'wiredTiger'],
          ok: 1,
        }),
    };
    expect(await isEmbeddedMongo(realMongod)).toBe(false);
  });
});
