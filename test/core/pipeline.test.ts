import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock.js';
import { createLogger } from '../../kernel/logger.js';
import type { ConversationRef, InboundEvent, PlatformIdentity } from '../../src/core/inbound.js';
import { localeOf, zoneOf } from '../../src/core/language-and-zone.js';
import { createInboundPipeline } from '../../src/core/pipeline.js';
import { createPlatformRegistry, type PlatformAdapter } from '../../src/core/platform.js';
import { allFlows } from '../../src/core/all-flows.js';
import { RecordingAdapter, textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

/**
 * The steps every platform's events take, checked once, on a platform that is nothing but an id:
 * what holds here holds for Slack, Teams, the terminal and any platform added later.
 */
const db = useTestDatabase();

function pipelineFor(options: { allowedWorkspaces?: string[] } = {}) {
  const adapter = new RecordingAdapter();
  const platform: PlatformAdapter = {
    id: 'pigeon',
    displayName: 'Pigeon',
    outbound: adapter,
    allowedWorkspaces: options.allowedWorkspaces,
    sendToPerson: async () => ({ unreachable: true, reason: 'no_link' }),
    linkAddress: (conversation) => ({ loft: conversation.address.loft }),
  };
  const pipeline = createInboundPipeline(
    {
      db: db(),
      platforms: createPlatformRegistry([platform]),
      clock: fixedClock('2026-11-27T10:00:00+01:00'),
      timeZone: 'Europe/Copenhagen',
      locale: 'da',
      logger: createLogger({ level: 'silent' }),
    },
    allFlows,
  );
  return { pipeline, adapter };
}

function identity(workspaceId = 'loft-1'): PlatformIdentity {
  return { platform: 'pigeon', workspaceId, userId: `bird-${randomUUID()}` };
}

function direct(actor: PlatformIdentity, loft = 'north'): ConversationRef {
  return {
    platform: 'pigeon',
    key: `pigeon:${actor.userId}`,
    isDirect: true,
    address: { loft },
  };
}

function message(actor: PlatformIdentity, text: string, eventId = randomUUID()): InboundEvent {
  return {
    eventId,
    actor,
    conversation: direct(actor),
    receivedAt: new Date(),
    kind: 'message',
    text,
  };
}

async function ambassador(actor: PlatformIdentity) {
  const estate = await createEstate(db());
  return estate.ambassador('Birgit Sørensen', actor);
}

describe('the inbound pipeline', () => {
  it('when the same event arrives twice, then it is answered once', async () => {
    const { pipeline, adapter } = pipelineFor();
    const actor = identity();
    await ambassador(actor);
    const event = message(actor, 'hjælp');

    expect(await pipeline.accept(event)).toEqual({ accepted: true });
    await pipeline.process(event);
    expect(await pipeline.accept(event)).toEqual({ accepted: false, reason: 'already_handled' });
    await pipeline.handle(event);

    expect(adapter.sent).toHaveLength(1);
  });

  it('when an event comes from a workspace the platform does not allow, then nothing is answered and the refusal is audited with ids only', async () => {
    const { pipeline, adapter } = pipelineFor({ allowedWorkspaces: ['loft-1'] });
    const actor = identity('loft-9');
    await ambassador(actor);

    await pipeline.handle(message(actor, 'mine besøg'));

    expect(adapter.sent).toEqual([]);
    const audit = await db().auditEvents.listForSubject('workspace', 'pigeon:loft-9');
    expect(audit).toMatchObject([
      { action: 'platform.workspace_refused', platform: 'pigeon', details: { kind: 'message' } },
    ]);
  });

  it('when someone unknown writes, then they get one polite line, and only their workspace is audited', async () => {
    const { pipeline, adapter } = pipelineFor();
    const actor = identity('loft-7');

    await pipeline.handle(message(actor, 'hej'));

    expect(adapter.sent.map((entry) => textOf(entry.message))).toEqual([
      expect.stringContaining('Bed din koordinator om at tilføje dig'),
    ]);
    expect(await db().people.findByIdentity(actor)).toBeNull();
    const audit = await db().auditEvents.listForSubject('workspace', 'pigeon:loft-7');
    expect(audit.map((entry) => entry.action)).toEqual(['platform.unknown_person_refused']);
    expect(JSON.stringify(audit)).not.toContain(actor.userId);
  });

  it('when a known person writes in their direct conversation, then it becomes their link, kept current when it moves', async () => {
    const { pipeline } = pipelineFor();
    const actor = identity();
    const person = await ambassador(actor);

    await pipeline.handle(message(actor, 'hej'));
    expect((await db().conversationLinks.get(person.id, 'pigeon'))?.address).toEqual({
      loft: 'north',
    });

    await pipeline.handle({ ...message(actor, 'hej igen'), conversation: direct(actor, 'south') });
    expect((await db().conversationLinks.get(person.id, 'pigeon'))?.address).toEqual({
      loft: 'south',
    });
  });

  it('when names would be shown in a shared or group conversation, then the turn says they may not', async () => {
    const { pipeline, adapter } = pipelineFor();
    const actor = identity();
    await ambassador(actor);
    const shared = { ...direct(actor), sharedWithOtherWorkspaces: true };

    await pipeline.handle({ ...message(actor, 'mine besøg'), conversation: shared });

    expect(textOf(adapter.sent[0]!.message)).toContain('kun i en privat besked');
  });

  it("when the bot is installed twice in a known person's chat, then it greets once and keeps the link", async () => {
    const { pipeline, adapter } = pipelineFor();
    const actor = identity();
    const person = await ambassador(actor);
    const installed: InboundEvent = {
      kind: 'installed',
      eventId: `welcome:pigeon:${actor.userId}`,
      actor,
      workspaceId: actor.workspaceId,
      conversation: direct(actor),
      receivedAt: new Date(),
    };

    await pipeline.handle(installed);
    await pipeline.handle(installed);

    expect(adapter.sent.map((entry) => textOf(entry.message))).toEqual([
      expect.stringContaining('Jeg holder styr på dine velkomstbesøg'),
    ]);
    expect(await db().conversationLinks.get(person.id, 'pigeon')).not.toBeNull();
  });
});

describe('language and time zone', () => {
  it("when a person has a language, then it wins; else the area's; else the process's", () => {
    expect(localeOf({ locale: 'en' }, { locale: 'da' }, 'da')).toBe('en');
    expect(localeOf({ locale: 'xx' }, { locale: 'en' }, 'da')).toBe('en');
    expect(localeOf(undefined, undefined, 'en')).toBe('en');
    expect(localeOf(null)).toBe('da');
  });

  it("when an area has a zone, then dates follow it; else the process's zone", () => {
    expect(zoneOf({ timeZone: 'Atlantic/Faroe' })).toBe('Atlantic/Faroe');
    expect(zoneOf(null, 'Europe/Oslo')).toBe('Europe/Oslo');
    expect(zoneOf(undefined)).toBe('Europe/Copenhagen');
  });
});
