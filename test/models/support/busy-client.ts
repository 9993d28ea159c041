/**
 * A process that keeps MongoDB busy through the app's own connection (connectDatabase): eight
 * loops of pings and reads, so that a restart always finds operations in flight. Prints
 * `{"loop":i,"ok":n}` after each loop's every successful round (an operation that never ends
 * stops its loop); its own log lines (LOG_LEVEL) go to stdout too.
 * Usage: tsx busy-client.ts <uri> <dbName>
 */
import { connectDatabase } from '../../../models/database.js';

const [uri, dbName] = process.argv.slice(2);
if (!uri || !dbName) throw new Error('usage: busy-client.ts <uri> <dbName>');
const db = await connectDatabase(uri, { dbName, serverSelectionTimeoutMS: 2_000 });
const loop = async (index: number) => {
  for (let ok = 1; ;) {
    try {
      await db.ping();
      await db.people.findById('000000000000000000000000');
      process.stdout.write(`${JSON.stringify({ loop: index, ok })}\n`);
      ok += 1;
    } catch {
      // The server is away: the next round tries again, as a turn would.
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
await Promise.all(Array.from({ length: 8 }, (_, index) => loop(index)));
