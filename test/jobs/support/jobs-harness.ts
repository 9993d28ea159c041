import { randomBytes } from 'node:crypto';
import type { HostedPlatform } from '../../../adapters/http/hosted-platform.js';
import type { NaboDatabase } from '../../../models/database.js';
import type { Area, Person, PlatformIdentity } from '../../../models/types.js';
import {
  createPlatformRegistry,
  type PaceRule,
  type PlatformAdapter,
  type Unreachable,
} from '../../../src/core/platform.js';
import type { MessageRef } from '../../../src/core/inbound.js';
import type { OutboundMessage, OutboundPort } from '../../../src/core/outbound.js';
import { createLogger } from '../../../kernel/logger.js';
import { startJobs, type JobsOptions, type RunningJobs } from '../../../jobs/start-jobs.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every test file (and process) works under its own Redis prefix. */
export function uniquePrefix(label: string): string {
  return `nabo-test-${label}-${randomBytes(4).toString('hex')}`;
}

/** Per-person pacing that does not slow tests down. */
export const FAST_PACE = { max: 10, windowMs: 100 };

export interface RecordedSend {
  personId: string;
  message: OutboundMessage;
  at: number;
}

/** A platform test double: records sends, and can be told to fail. */
export class RecordingPlatform implements PlatformAdapter {
  readonly sent: RecordedSend[] = [];
  /** Called before each send; throw from it to simulate a platform error or a 429. */
  beforeSend: ((personId: string, call: number) => void | Promise<void>) | undefined;
  readonly displayName: string;
  readonly deliveryCapPerSecond = 1_000;
  /** Jobs' proactive sends only; nothing answers in a conversation here. */
  readonly outbound: OutboundPort = {
    send: async () => {
      throw new Error('RecordingPlatform has no conversations');
    },
    update: async () => undefined,
  };
  private calls = 0;

  constructor(readonly id = 'slack') {
    this.displayName = id.charAt(0).toUpperCase() + id.slice(1);
  }

  deliveryPace(identity: PlatformIdentity): PaceRule[] {
    return [{ key: `${identity.platform}:${identity.userId}`, ...FAST_PACE }];
  }

  async sendToPerson(person: Person, message: OutboundMessage): Promise<MessageRef | Unreachable> {
    this.calls += 1;
    await this.beforeSend?.(person.id, this.calls);
    this.sent.push({ personId: person.id, message, at: Date.now() });
    return { conversationKey: `${this.id}:${person.id}`, id: `m${this.calls}` };
  }

  to(personId: string): RecordedSend[] {
    return this.sent.filter((send) => send.personId === personId);
  }
}

/** Starts jobs the way every test must: its own prefix, short locks on every worker. */
export function startTestJobs(
  db: NaboDatabase,
  options: Partial<Omit<JobsOptions, 'platforms'>> & {
    prefix: string;
    platforms?: ReadonlyArray<PlatformAdapter | HostedPlatform>;
  },
): Promise<RunningJobs> {
  const { platforms = [], ...rest } = options;
  return startJobs({
    db,
    redisUrl: REDIS_URL,
    lockDurationMs: 2_000,
    stalledIntervalMs: 1_000,
    pacingMarginMs: 0,
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }),
    ...rest,
    platforms: createPlatformRegistry(
      platforms.map((platform) => ('adapter' in platform ? platform.adapter : platform)),
    ),
  });
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let people = 0;

/** An area with ambassadors on Slack, households to hand out, and a coordinator. */
export async function slackEstate(
  db: NaboDatabase,
  options: { ambassadors: number; households: number; settings?: Partial<Area['settings']> },
): Promise<{ area: Area; ambassadors: Person[]; coordinator: Person }> {
  const area = await db.areas.create({
    key: `jobs-${randomBytes(4).toString('hex')}`,
    name: 'Testparken',
    ...(options.settings ? { settings: options.settings } : {}),
  });
  const agreed = new Date('2026-01-01T00:00:00Z');
  const ambassadors: Person[] = [];
  for (let index = 0; index < options.ambassadors; index += 1) {
    ambassadors.push(
      await db.people.add({
        name: `Ambassadør ${index + 1}`,
        roles: [{ areaId: area.id, role: 'ambassador' }],
        identities: [{ platform: 'slack', workspaceId: 'T1', userId: `U${++people}x${index}` }],
        monthlyCapacity: 5,
        volunteerAgreementAt: agreed,
        confidentialityAt: agreed,
      }),
    );
  }
  const coordinator = await db.people.add({
    name: 'Koordinator',
    roles: [{ areaId: area.id, role: 'coordinator' }],
    identities: [{ platform: 'slack', workspaceId: 'T1', userId: `UC${++people}` }],
  });
  await db.residents.importMany(
    area.id,
    Array.from({ length: options.households }, (_, index) => ({
      names: [`Beboer ${index + 1}`],
      address: `Testvej ${index + 1}`,
      moveInDate: '2026-11-10',
      source: { list: 'test', row: index + 1 },
    })),
  );
  return { area, ambassadors, coordinator };
}
