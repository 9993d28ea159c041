/**
 * A process that keeps MongoDB busy through the app's own connection (connectDatabase): eight
 * loops of pings and reads, so that a restart always finds operations in flight. Prints
 * `{"ok":n}` after every successful round; its own log lines (LOG_LEVEL) go to stdout too.
 * Usage: tsx busy-client.ts <uri> <dbName>
 */
import { connectDatabase } from '../../../models/database.js';

const [uri, dbName] = process.argv.slice(2);
if (!uri || !dbName) throw new Error('usage: busy-client.ts <uri> <dbName>');
const db = await connectDatabase(uri, { dbName, serverSelectionTimeoutMS: 2_000 });
let ok = 0;
const loop = async () => {
  for (;;) {
    try {
      await db.ping();
      await db.people.findById('000000000000000000000000');
      ok += 1;
      process.stdout.write(`${JSON.stringify({ ok })}\n`);
    } catch {
      // The server is away: the next round tries again, as a turn would.
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
await Promise.all(Array.from({ length: 8 }, loop));
