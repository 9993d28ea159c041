/**
 * The embedded MongoDB server in a process of its own, for bench/fanout-1000.ts: it is pure
 * JavaScript, and sharing one event loop with the worker would measure it, not the delivery.
 * Prints its URI on the first line of stdout.
 */
import { startEmbeddedMongo } from '../models/embedded-mongo/index.js';

const server = await startEmbeddedMongo();
console.log(server.uri);
process.on('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
