import { randomUUID } from 'node:crypto';
import { consoleHandleOf, consoleIdentity } from '../../../adapters/console/platform.js';
import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { createMeetingJobs, type MeetingJobs } from '../../../jobs/meetings/index.js';
import type { DeliveryTarget } from '../../../jobs/meetings/meeting-processor.js';
import type { NaboDatabase } from '../../../models/database.js';
import type { Person } from '../../../models/types.js';
import { createInboundPipeline, type InboundPipeline } from '../../../src/core/pipeline.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { InboundEvent } from '../../../src/core/inbound.js';
import type { OutboundMessage } from '../../../src/core/outbound.js';
import { allFlows } from '../../../src/core/all-flows.js';
import { createLogger } from '../../../kernel/logger.js';
import { Chat, choicesOf, testPlatforms } from '../../support/conversation.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type SharedClock = ReturnType<typeof fixedClock>;

/**
 * A Chat whose bot also has the meeting and check-in ports, and a clock shared with the jobs, so
 * the flows and the worker agree on "now". Writing and pressing work as in every Chat test.
 */
export class MeetingChat extends Chat {
  private readonly meetingBot: InboundPipeline;
  private presses = 0;

  constructor(
    db: NaboDatabase,
    readonly person: Person,
    shared: SharedClock,
    jobs: MeetingJobs | undefined,
    options: { locale?: 'da' | 'en'; isDirect?: boolean } = {},
  ) {
    const handle = consoleHandleOf(person) ?? '';
    super(db, consoleIdentity(handle), options);
    this.meetingBot = createInboundPipeline(
      {
        db,
        platforms: testPlatforms(this.adapter),
        clock: shared,
        timeZone: 'Europe/Copenhagen',
        locale: options.locale ?? 'da',
        logger: createLogger({ level: 'silent' }),
        ...(jobs ? { meetingTimers: jobs.timers, checkInTimers: jobs.checkInTimers } : {}),
      },
      allFlows,
    );
  }

  override async deliver(event: InboundEvent): Promise<OutboundMessage[]> {
    const before = this.adapter.sent.length;
    await this.meetingBot.handle(event);
    return this.adapter.sent.slice(before).map((entry) => entry.message);
  }

  /**
   * Presses a button as it was first sent, even after its message lost its buttons: what an old
   * card in another client, or a double tap, would deliver.
   */
  async pressAgain(label: string): Promise<OutboundMessage[]> {
    const wanted = label.toLocaleLowerCase('da');
    for (const entry of [...this.adapter.sent].reverse()) {
      const choice = choicesOf(entry.message).find((candidate) =>
        candidate.label.toLocaleLowerCase('da').includes(wanted),
      );
      if (choice) {
        return this.deliver({
          eventId: `again-${++this.presses}-${randomUUID()}`,
          actor: consoleIdentity(consoleHandleOf(this.person) ?? ''),
          conversation: entry.conversation,
          receivedAt: new Date(),
          kind: 'action',
          action: choice.action,
          source: entry.ref,
        });
      }
    }
    throw new Error(`no button "${label}" was ever sent`);
  }

  /** Everything the bot has said here so far, latest last (replaced messages as replaced). */
  transcript(): string[] {
    return this.adapter.sent.map((entry) => (entry.replacedBy ?? entry.message).text);
  }
}

export interface Harness {
  jobs: MeetingJobs;
  clock: SharedClock;
  /** A chat for the person; messages the jobs deliver to them land in it too. */
  chat(person: Person, options?: { locale?: 'da' | 'en' }): MeetingChat;
  /** What the jobs delivered, in order. */
  delivered: Array<{ to: DeliveryTarget; message: OutboundMessage }>;
  deliveredTo(person: Person): OutboundMessage[];
  /** Promotes a delayed job and waits until the worker has finished it. */
  run(jobId: string): Promise<void>;
  /** Waits until no job of the queue is waiting, delayed-and-due or active. */
  settle(): Promise<void>;
  delayedIds(): Promise<string[]>;
  close(): Promise<void>;
}

/** `now`: where the harness's clock starts, or a clock the test shares with its database. */
export async function startHarness(db: NaboDatabase, now: string | SharedClock): Promise<Harness> {
  const clock = typeof now === 'string' ? fixedClock(now) : now;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const chats = new Map<string, MeetingChat>();
  const delivered: Harness['delivered'] = [];
  const prefix = `nabo-test-meetings-${randomBytes(4).toString('hex')}`;
  const jobs = createMeetingJobs({
    connection,
    db,
    prefix,
    clock,
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }),
    worker: { lockDuration: 2_000, stalledInterval: 1_000 },
    async deliver(to, message) {
      delivered.push({ to, message });
      const chat = chats.get(to.personId);
      const conversation = to.conversation ?? {
        platform: 'console' as const,
        key: `job:${to.personId}`,
        isDirect: true,
        address: {},
      };
      await chat?.adapter.send(conversation, message);
    },
  });
  await jobs.startWorker();

  async function waitForJob(job: Job): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const state = await jobs.queue.getJobState(job.id ?? '');
      if (state === 'unknown' || state === 'completed') return;
      if (state === 'failed') {
        const failed = await jobs.queue.getJob(job.id ?? '');
        throw new Error(`job ${job.id} failed: ${failed?.failedReason}`);
      }
      if (Date.now() > deadline) throw new Error(`job ${job.id} still ${state}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  return {
    jobs,
    clock,
    delivered,
    chat(person, options = {}) {
      const chat = new MeetingChat(db, person, clock, jobs, options);
      chats.set(person.id, chat);
      return chat;
    },
    deliveredTo: (person) =>
      delivered.filter((entry) => entry.to.personId === person.id).map((entry) => entry.message),
    async run(jobId) {
      const job = await jobs.queue.getJob(jobId);
      if (!job) throw new Error(`no job ${jobId}`);
      if ((await job.getState()) === 'delayed') await job.promote();
      await waitForJob(job);
    },
    async settle() {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const counts = await jobs.queue.getJobCounts('waiting', 'active', 'prioritized');
        if ((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0) === 0) return;
        if (Date.now() > deadline)
          throw new Error(`queue did not settle: ${JSON.stringify(counts)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async delayedIds() {
      return (await jobs.queue.getDelayed()).map((job) => job.id ?? '');
    },
    async close() {
      await jobs.queue.obliterate({ force: true });
      await jobs.close();
      connection.disconnect();
    },
  };
}
