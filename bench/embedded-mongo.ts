/**
 * Embedded MongoDB throughput through the real driver: 5,000 single inserts into a collection
 * with a unique index, then 1,000 findOne on that indexed field.
 * Run: npx tsx bench/embedded-mongo.ts
 */
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../models/embedded-mongo/index.js';

const INSERTS = 5_000;
const FINDS = 1_000;

function report(label: string, count: number, ms: number): void {
  const perSecond = Math.round((count / ms) * 1000);
  console.log(
    `${label.padEnd(34)} ${String(count).padStart(6)} ops in ${ms.toFixed(0).padStart(6)} ms = ${perSecond} ops/s`,
  );
}

async function main(): Promise<void> {
  const server = await startEmbeddedMongo();
  const client = new MongoClient(`${server.uri}bench`);
  try {
    await client.connect();
    const collection = client.db().collection<{ email: string; n: number; at: Date }>('people');
    await collection.createIndex({ email: 1 }, { unique: true });

    let started = performance.now();
    for (let i = 0; i < INSERTS; i++) {
      await collection.insertOne({ email: `person${i}@example.dk`, n: i, at: new Date() });
    }
    report('insertOne (unique index on email)', INSERTS, performance.now() - started);

    started = performance.now();
    let found = 0;
    for (let i = 0; i < FINDS; i++) {
      const doc = await collection.findOne({ email: `person${(i * 7) % INSERTS}@example.dk` });
      if (doc !== null) found++;
    }
    report('findOne on indexed email', FINDS, performance.now() - started);
    if (found !== FINDS) throw new Error(`expected ${FINDS} hits, got ${found}`);
  } finally {
    await client.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
