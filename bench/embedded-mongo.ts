/**
 * Embedded MongoDB through the real driver, each figure as a ratio to its anchor from the same
 * run: the driver's own `ping` round trip, which no single-document operation can beat.
 * Rows: insertOne into a collection with a unique index, findOne on that indexed field, and a
 * findOne whose `$in` and range filters must be answered from indexes.
 * A last row measures the driver's own ceiling: findOne against a stub server that answers every
 * `find` with a ready-made reply, doing no work at all. The driver spends more on a findOne
 * (cursor set-up and teardown) than on a ping, so no server can take findOne above that row.
 * Operations and pings run in alternating blocks, so a neighbour's load hits both alike. Each row
 * also gives the ratio of CPU time (this process's, so the driver's and the server's together).
 * Each findOne row first runs unmeasured warm-up blocks: otherwise the first findOne row would
 * be measured while V8 still compiles the driver's and the server's find paths, and the stub row,
 * which runs after them, would be the only one measured warm.
 * The server runs in this process, as the tests and the demo run it (`nabo dev-db` runs it in a
 * process of its own): the tests make most of its round trips, and the stub ceiling is measured
 * the same way, so the rows compare with it. In one process the driver's and the server's work
 * share one thread and its CPU caches; a child process would move both the server and the stub.
 * Run: npx tsx bench/embedded-mongo.ts
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { Long, MongoClient, type Collection, type Db } from 'mongodb';
import { startEmbeddedMongo } from '../models/embedded-mongo/index.js';
import {
  encodeOpMsg,
  encodeOpReply,
  MessageFramer,
  parseMessage,
} from '../models/embedded-mongo/wire-protocol.js';

const PEOPLE = 5_000;
const BLOCKS = 10;
const BLOCK_SIZE = 200;
/**
 * Blocks of each findOne row run, unmeasured, before its measured blocks. V8 takes thousands of
 * round trips to settle the find path: with 3 blocks (600 finds) the indexed findOne measured
 * 0.46-0.56× ping, with 25 blocks 0.65-0.66×, and with 100 no more than that.
 */
const WARM_UP_BLOCKS = 25;

interface Person {
  email: string;
  n: number;
  area: string;
  at: Date;
}

interface Timing {
  ops: number;
  ms: number;
  /** This process's CPU time (user + system), which waiting for a core does not add to. */
  cpuMs: number;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function perSecond(timing: Timing): number {
  return (timing.ops / timing.ms) * 1000;
}

/** Runs `operation` and `ping` in alternating blocks; returns both timings. */
async function alternate(
  db: Db,
  operation: (i: number) => Promise<void>,
  blockSize = BLOCK_SIZE,
  blocks = BLOCKS,
): Promise<{ op: Timing; ping: Timing }> {
  const op: Timing = { ops: 0, ms: 0, cpuMs: 0 };
  const ping: Timing = { ops: 0, ms: 0, cpuMs: 0 };
  let i = 0;
  for (let block = 0; block < blocks; block++) {
    let started = performance.now();
    let cpu = process.cpuUsage();
    for (let k = 0; k < blockSize; k++) await db.command({ ping: 1 });
    ping.ms += performance.now() - started;
    ping.cpuMs += cpuMsSince(cpu);
    ping.ops += blockSize;
    started = performance.now();
    cpu = process.cpuUsage();
    for (let k = 0; k < blockSize; k++) await operation(i++);
    op.ms += performance.now() - started;
    op.cpuMs += cpuMsSince(cpu);
    op.ops += blockSize;
  }
  return { op, ping };
}

/** `alternate` after WARM_UP_BLOCKS unmeasured blocks of the same operation and pings. */
async function alternateWarm(
  db: Db,
  operation: (i: number) => Promise<void>,
): Promise<{ op: Timing; ping: Timing }> {
  await alternate(db, operation, BLOCK_SIZE, WARM_UP_BLOCKS);
  return alternate(db, operation);
}

function report(label: string, timing: { op: Timing; ping: Timing }): void {
  const ops = perSecond(timing.op);
  const pings = perSecond(timing.ping);
  // CPU time per operation against CPU time per ping: steadier than the clock on a shared
  // machine, where time spent waiting for a core lengthens pings and operations alike and so
  // pulls the clock ratio towards 1.
  const cpuRatio = timing.ping.cpuMs / timing.ping.ops / (timing.op.cpuMs / timing.op.ops);
  console.log(
    `${label.padEnd(40)} ${Math.round(ops).toString().padStart(6)} ops/s = ${(ops / pings).toFixed(2)}× ping (${Math.round(pings)} round trips/s); CPU ${cpuRatio.toFixed(2)}× ping`,
  );
}

/** A wire-protocol server that answers from constants: the driver's cost alone. */
async function startStubServer(): Promise<{ uri: string; close(): void }> {
  const hello = {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    logicalSessionTimeoutMinutes: 30,
    connectionId: 1,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
  const person = { _id: 1, email: 'person1@example.dk', n: 1, area: 'area-1', at: new Date(0) };
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    const framer = new MessageFramer();
    socket.on('data', (chunk: Buffer) => {
      for (const frame of framer.push(chunk)) {
        const message = parseMessage(frame);
        if (message.kind === 'query') {
          socket.write(
            encodeOpReply(message.header.requestId, { ...hello, localTime: new Date() }),
          );
          continue;
        }
        if (message.moreToCome) continue;
        const body = message.body;
        const reply =
          'find' in body
            ? {
                cursor: { firstBatch: [person], id: Long.ZERO, ns: `bench.${String(body.find)}` },
                ok: 1,
              }
            : 'hello' in body || 'ismaster' in body
              ? { ...hello, localTime: new Date() }
              : { ok: 1 };
        socket.write(encodeOpMsg(message.header.requestId, reply));
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    uri: `mongodb://127.0.0.1:${address.port}/`,
    close: () => server.close(),
  };
}

async function driverCeiling(): Promise<void> {
  const stub = await startStubServer();
  const client = new MongoClient(`${stub.uri}bench`);
  try {
    await client.connect();
    const db = client.db();
    const people = db.collection<Person>('people');
    for (let i = 0; i < 200; i++) await db.command({ ping: 1 });
    report(
      'findOne, stub server (driver ceiling)',
      await alternateWarm(db, async () => {
        await people.findOne({ email: 'person1@example.dk' });
      }),
    );
  } finally {
    await client.close();
    stub.close();
  }
}

async function main(): Promise<void> {
  const server = await startEmbeddedMongo();
  const client = new MongoClient(`${server.uri}bench`);
  try {
    await client.connect();
    const db = client.db();
    const people: Collection<Person> = db.collection<Person>('people');
    await people.createIndex({ email: 1 }, { unique: true });
    await people.createIndex({ area: 1, n: 1 });
    // Warm up the connection pool and JIT on both paths before measuring.
    for (let i = 0; i < 200; i++) await db.command({ ping: 1 });

    const inserts = await alternate(
      db,
      async (i) => {
        await people.insertOne({
          email: `person${i}@example.dk`,
          n: i,
          area: `area-${i % 50}`,
          at: new Date(Date.UTC(2026, 0, 1)),
        });
      },
      PEOPLE / BLOCKS,
    );
    report('insertOne (unique index on email)', inserts);

    let found = 0;
    const finds = await alternateWarm(db, async (i) => {
      const doc = await people.findOne({ email: `person${(i * 7) % PEOPLE}@example.dk` });
      if (doc !== null) found++;
    });
    report('findOne on indexed email', finds);

    const ranged = await alternateWarm(db, async (i) => {
      const doc = await people.findOne({
        area: { $in: [`area-${i % 50}`, `area-${(i + 1) % 50}`] },
        n: { $gte: (i * 13) % PEOPLE },
      });
      if (doc !== null) found++;
    });
    report('findOne by $in + range (compound index)', ranged);
    const expected = (WARM_UP_BLOCKS + BLOCKS) * BLOCK_SIZE * 2;
    if (found < expected * 0.9) throw new Error(`expected about ${expected} hits, got ${found}`);
  } finally {
    await client.close();
    await server.stop();
  }
  await driverCeiling();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
