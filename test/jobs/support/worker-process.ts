/**
 * A worker process for the crash test: the real jobs runtime with a platform that appends every
 * send it accepts to a file, so the test can count messages across processes. Configured by
 * environment: NABO_TEST_MONGO_URI, NABO_TEST_DB, NABO_TEST_PREFIX, NABO_TEST_SENDS_FILE, and
 * NABO_NOW, read as the real worker reads it.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { connectDatabase } from '../../../models/database.js';
import type { Person } from '../../../models/types.js';
import { loadConfig } from '../../../src/config/config.js';
import { processClock } from '../../../kernel/clock.js';
import type { OutboundMessage } from '../../../src/core/outbound.js';
import type { SendOptions } from '../../../src/core/platform.js';
import { RecordingPlatform, startTestJobs } from './jobs-harness.js';

class FilePlatform extends RecordingPlatform {
  constructor(private readonly file: string) {
    super('slack');
  }

  override async sendToPerson(person: Person, message: OutboundMessage, options?: SendOptions) {
    const personId = person.id;
    // The platform takes a while before it accepts a message, as a real API does.
    await new Promise((resolve) => setTimeout(resolve, 150));
    appendFileSync(
      this.file,
      `${JSON.stringify({ personId, pid: process.pid, text: message.text, sendKey: options?.sendKey })}\n`,
    );
    return { conversationKey: `slack:${personId}`, id: `m-${process.pid}-${Date.now()}` };
  }

  /** Like Slack's history with message metadata: the conversation shows what it already got. */
  async findSent(person: Person, sendKey: string) {
    if (!existsSync(this.file)) return undefined;
    const found = readFileSync(this.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { personId: string; sendKey?: string })
      .some((send) => send.personId === person.id && send.sendKey === sendKey);
    return found ? { conversationKey: `slack:${person.id}`, id: sendKey } : undefined;
  }
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const clock = processClock(loadConfig().now);
const db = await connectDatabase(env('NABO_TEST_MONGO_URI'), {
  dbName: env('NABO_TEST_DB'),
  now: () => clock.now(),
});
await startTestJobs(db, {
  prefix: env('NABO_TEST_PREFIX'),
  clock,
  platforms: [new FilePlatform(env('NABO_TEST_SENDS_FILE'))],
  sendConcurrency: 2,
});
process.send?.('ready');
