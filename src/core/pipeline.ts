import type { Person } from '../../models/types.js';
import { NaboError } from '../../kernel/errors.js';
import { catalogFor } from '../i18n/catalog.js';
import { isAllowedTenant, mayShowResidentData } from '../privacy/where-data-may-appear.js';
import { createDispatcher } from './bot.js';
import type { Flow } from './flow.js';
import { identifyPerson } from './identify-person.js';
import {
  workspaceOf,
  type ConversationRef,
  type InboundEvent,
  type InstalledEvent,
  type PersonEvent,
  type SharedFile,
} from './inbound.js';
import { localeOf } from './language-and-zone.js';
import { LinkMemory } from './link-memory.js';
import { mayDeliver, type OutboundMessage, type OutboundPort } from './outbound.js';
import { refuseWhereNotPrivate } from './private-guard.js';
import type { PlatformAdapter } from './platform.js';
import { asMessage, type BotDependencies, type Turn } from './turn.js';

/**
 * The one way in. Whatever the platform, every event takes the same steps, once:
 *
 *   accept   1. only from a workspace the platform's registration allows (refusals audited)
 *            2. only once: a retry or replay of an event already accepted is dropped
 *   process  3. find the person; an unknown person gets one polite line, nothing is stored
 *            4. keep the person's direct conversation as their link for messages later
 *            5. their language and time zone, and whether names may be shown here (1:1 rule)
 *            6. the flows answer (bot.ts)
 *
 * `accept` is quick and runs before the platform gets its acknowledgement where the platform
 * allows that; `process` is the turn. Keeping them apart is what lets a durable inbox slot in
 * between: store the event in `accept`, mark it done once `process` has stored its effects.
 */
export interface InboundPipeline {
  accept(event: InboundEvent): Promise<Acceptance>;
  process(event: InboundEvent): Promise<void>;
  /** `accept`, then `process` when accepted: for platforms with no acknowledgement to give. */
  handle(event: InboundEvent): Promise<void>;
}

export type Acceptance =
  { accepted: true } | { accepted: false; reason: 'workspace_not_allowed' | 'already_handled' };

export function createInboundPipeline(
  deps: BotDependencies,
  flows: readonly Flow[],
): InboundPipeline {
  const answer = createDispatcher(flows);
  const links = new LinkMemory();
  const flowsByName = new Map(flows.map((flow) => [flow.name, flow]));

  function platformOf(conversation: ConversationRef): PlatformAdapter {
    const platform = deps.platforms.get(conversation.platform);
    if (!platform) {
      throw new NaboError('INTERNAL', `No platform '${conversation.platform}' is registered`);
    }
    return platform;
  }

  async function accept(event: InboundEvent): Promise<Acceptance> {
    const platform = platformOf(event.conversation);
    const workspace = workspaceOf(event);
    if (!isAllowedTenant(workspace, platform.allowedWorkspaces)) {
      await refuseWorkspace(event, workspace);
      return { accepted: false, reason: 'workspace_not_allowed' };
    }
    // Without an id there is nothing to recognise a replay by (synthetic events): handled each time.
    if (event.eventId !== '') {
      const key = `${event.conversation.platform}:${event.eventId}`;
      if (!(await deps.db.processedEvents.markProcessed(key))) {
        deps.logger.info({ eventId: key }, 'event already handled');
        return { accepted: false, reason: 'already_handled' };
      }
    }
    return { accepted: true };
  }

  async function process(event: InboundEvent): Promise<void> {
    if (event.kind === 'installed') return greetWhereInstalled(event);
    const person = await identifyPerson(deps.db, event.actor);
    if (!person) return answerStranger(event);
    await rememberLink(person, event.conversation);
    const turn = startTurn(event, person);
    if (await refuseWhereNotPrivate(turn, flowsByName)) return;
    await answer(turn);
  }

  /** Only ids in the audit trail: which platform and workspace, and what kind of event. */
  async function refuseWorkspace(event: InboundEvent, workspace: string | undefined) {
    const platform = event.conversation.platform;
    deps.logger.warn(
      { platform, workspace, kind: event.kind },
      'event from a workspace that is not allowed ignored',
    );
    await deps.db.auditEvents.record({
      action: 'platform.workspace_refused',
      subjectType: 'workspace',
      subjectId: `${platform}:${workspace ?? 'unknown'}`,
      platform,
      details: { kind: event.kind },
    });
  }

  /**
   * Nobody Nabo knows: one polite line in the process's language. Nothing about them is stored;
   * the audit trail says only that someone unknown wrote from that workspace.
   */
  async function answerStranger(event: PersonEvent): Promise<void> {
    const platform = event.conversation.platform;
    deps.logger.info({ platform, kind: event.kind }, 'message from an unknown person');
    await deps.db.auditEvents.record({
      action: 'platform.unknown_person_refused',
      subjectType: 'workspace',
      subjectId: `${platform}:${event.actor.workspaceId}`,
      platform,
      details: { kind: event.kind },
    });
    await send(event.conversation, { text: catalogFor(deps.locale).unknownPerson() });
  }

  /**
   * Keeps how to reach the person later (assignments, reminders) current, from their one-to-one
   * conversation: Teams may move a chat to another service URL, a Slack DM may be reopened.
   */
  async function rememberLink(person: Person, conversation: ConversationRef): Promise<void> {
    if (!conversation.isDirect) return;
    const address = platformOf(conversation).linkAddress?.(conversation);
    if (address === undefined) return;
    if (links.isKnown(person.id, conversation.platform, address)) return;
    await deps.db.conversationLinks.upsert({
      personId: person.id,
      platform: conversation.platform,
      address,
    });
    links.remember(person.id, conversation.platform, address);
  }

  /**
   * The bot was added to a conversation: greet once. In a personal chat of a known person, their
   * link is stored; someone unknown hears how to get added; a team or group chat gets the help.
   */
  async function greetWhereInstalled(event: InstalledEvent): Promise<void> {
    const { conversation } = event;
    const person =
      conversation.isDirect && event.actor ? await identifyPerson(deps.db, event.actor) : undefined;
    if (person) await rememberLink(person, conversation);
    const text = catalogFor(localeOf(person, undefined, deps.locale));
    const greeting = conversation.isDirect && !person ? text.unknownPerson() : text.help();
    await send(conversation, { text: greeting });
  }

  function startTurn(event: PersonEvent, person: Person): Turn {
    const locale = localeOf(person, undefined, deps.locale);
    // The last check before a resident's name leaves: only into a one-to-one conversation.
    const deliverable = (message: OutboundMessage | string): OutboundMessage => {
      const outgoing = asMessage(message);
      if (mayDeliver(outgoing, event.conversation)) return outgoing;
      deps.logger.warn(
        { platform: event.conversation.platform },
        'resident data kept out of a shared conversation',
      );
      return { text: catalogFor(locale).privateOnly() };
    };
    const platform = platformOf(event.conversation);
    const outbound: OutboundPort = platform.outbound;
    return {
      event,
      person,
      locale,
      // The process's zone: every area of a programme lies in one country.
      zone: deps.timeZone,
      now: deps.clock.now(),
      text: catalogFor(locale),
      mayShowPersonalData: mayShowResidentData(event.conversation),
      deps,
      platform,
      say: (message) => outbound.send(event.conversation, deliverable(message)),
      replace: (ref, message) => outbound.update(ref, deliverable(message)),
      received: (file) => downloadable(file, platform),
    };
  }

  function send(conversation: ConversationRef, message: OutboundMessage) {
    return platformOf(conversation).outbound.send(conversation, message);
  }

  return {
    accept,
    process,
    async handle(event) {
      if ((await accept(event)).accepted) await process(event);
    },
  };
}

function downloadable(file: SharedFile, platform: PlatformAdapter) {
  return {
    ...file,
    download: () => {
      if (!platform.downloadFile) {
        throw new NaboError('INVALID_INPUT', `${platform.displayName} cannot share files`);
      }
      return platform.downloadFile(file);
    },
  };
}
