import { randomUUID } from 'node:crypto';
import type { TurnContext, TurnContextOptions } from '../../models/database.js';
import type { Person } from '../../models/types.js';
import { NaboError } from '../../kernel/errors.js';
import { catalogFor } from '../i18n/catalog.js';
import { isAllowedTenant, mayShowResidentData } from '../privacy/where-data-may-appear.js';
import { createDispatcher } from './bot.js';
import { giveWay } from './give-way.js';
import { MENU_FLOW } from './help.js';
import type { Flow } from './flow.js';
import { identifyPerson } from './identify-person.js';
import {
  eventKeyOf,
  workspaceOf,
  type ConversationRef,
  type InboundEvent,
  type MessageRef,
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
import { readMessage } from './turn-intent.js';
import { MAX_REPORT_LENGTH } from '../interpret/index.js';
import { RECENTLY_CLOSED } from '../visits/report-visit.js';

/**
 * The one way in. Whatever the platform, every event takes the same steps, once:
 *
 *   accept   1. only from a workspace the platform's registration allows (refusals audited)
 *            2. stored in the durable inbox (MongoDB) before the platform hears "got it"; a
 *               retry or replay of an event stored earlier is dropped, unless its first turn
 *               evidently died (accepted, not done, lease over): then it runs again
 *   process  3. find the person; an unknown person gets one polite line, nothing is stored
 *            4. keep the person's direct conversation as their link for messages later
 *            5. their language and time zone, and whether names may be shown here (1:1 rule)
 *            6. the flows answer (bot.ts)
 *
 * `accept` is quick and runs before the platform gets its acknowledgement where the platform
 * allows that; when it throws (MongoDB cannot store the event) the adapter must refuse the
 * request (HTTP 503) so the platform delivers it again. `process` is the turn; the event is
 * marked done in the inbox only after it, so a crash in between leaves it for `resume`. A turn
 * may thus run twice: its stored effects are idempotent per event id, and its replies carry send
 * keys that a turn running again looks for on the platform before replying (`replier`).
 */
export interface InboundPipeline {
  accept(event: InboundEvent): Promise<Acceptance>;
  process(event: InboundEvent): Promise<void>;
  /** `accept`, then `process` when accepted: for platforms with no acknowledgement to give. */
  handle(event: InboundEvent): Promise<void>;
  /**
   * Runs the turns of events accepted but not done whose lease ran out (a process died after
   * the acknowledgement), for this process's platforms; their answers go out as ordinary
   * messages to the event's conversation. Resolves with how many were resumed.
   */
  resume(): Promise<number>;
}

export interface PipelineOptions {
  /**
   * Tests only (NABO_TEST_TURN_DELAY_MS, refused in production): waits this long between the
   * acknowledgement and the turn, so a crash test can kill the process in that window.
   */
  turnDelayMs?: number;
}

/** How long a turn may take before its event is considered abandoned and may be run again. */
export const INBOX_LEASE_MS = 90_000;
/** A turn that failed this often (it crashes its process, or always throws) is given up on. */
export const MAX_TURN_ATTEMPTS = 3;
/**
 * How often a turn cut off by an unreachable MongoDB is run (each try waits up to the driver's
 * server selection timeout for a server), and the pause before the next.
 */
const STORE_RETRIES = 4;
const STORE_RETRY_PAUSE_MS = 500;
/** How long an event refused as "not stored" is looked for once MongoDB is back (see accept). */
const UNCONFIRMED_ACCEPT_WATCH_MS = 120_000;
const UNCONFIRMED_ACCEPT_PAUSE_MS = 1_000;
/** How many abandoned events one `resume` takes on. */
const RESUME_BATCH = 100;

export type Acceptance =
  { accepted: true } | { accepted: false; reason: 'workspace_not_allowed' | 'already_handled' };

export function createInboundPipeline(
  deps: BotDependencies,
  flows: readonly Flow[],
  options: PipelineOptions = {},
): InboundPipeline {
  const answer = createDispatcher(flows);
  const links = new LinkMemory();
  const flowsByName = new Map(flows.map((flow) => [flow.name, flow]));
  /** Events this process took over from one that died (accept found them abandoned). */
  const takenOver = new Set<string>();

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
    const key = inboxKeyOf(event);
    if (key !== undefined) {
      const acceptedBy = randomUUID();
      const found = await deps.db.inbox
        .accept({
          key,
          platform: event.conversation.platform,
          payload: JSON.stringify(event),
          leaseMs: INBOX_LEASE_MS,
          acceptedBy,
        })
        .catch((error: unknown) => {
          if (deps.db.inbox.isUnavailable(error)) void runIfStoredAfterAll(event, key, acceptedBy);
          throw new NaboError('DEPENDENCY_UNAVAILABLE', 'The event could not be stored', {
            cause: error,
          });
        });
      if (found === 'handled') {
        deps.logger.info({ eventId: key }, 'event already handled');
        return { accepted: false, reason: 'already_handled' };
      }
      if (found === 'resumed') {
        deps.logger.warn({ eventId: key }, 'abandoned event taken over');
        takenOver.add(key);
      }
    }
    return { accepted: true };
  }

  /**
   * MongoDB went away while the event was being stored: the platform is told "not stored" and
   * will send it again, but the insert may have landed without its answer. Then the platform's
   * retry finds an entry this request holds and is told "already handled", and nobody would run
   * the turn before the lease ran out (minutes). So this request looks, once MongoDB answers
   * again, and runs the turn itself if its entry is there. Nothing is stored twice: the retry
   * was refused, and the turn's effects are idempotent per event anyway.
   */
  async function runIfStoredAfterAll(event: InboundEvent, key: string, acceptedBy: string) {
    const until = performance.now() + UNCONFIRMED_ACCEPT_WATCH_MS;
    while (performance.now() < until) {
      await new Promise((wake) => setTimeout(wake, UNCONFIRMED_ACCEPT_PAUSE_MS));
      try {
        if (!(await deps.db.inbox.isAcceptedBy(key, acceptedBy))) return;
        deps.logger.warn({ eventId: key }, 'event stored after all: running its turn');
        await process(event);
        return;
      } catch (error) {
        if (deps.db.inbox.isUnavailable(error)) continue;
        deps.logger.error({ err: error, eventId: key }, 'event stored after all: turn failed');
        return;
      }
    }
  }

  /** `again`: the event's turn ran before, as far as anyone can tell (resumed, taken over). */
  async function process(event: InboundEvent, again = false): Promise<void> {
    if (options.turnDelayMs) await new Promise((wake) => setTimeout(wake, options.turnDelayMs));
    const key = inboxKeyOf(event);
    const rerun = again || (key !== undefined && takenOver.delete(key));
    let runs = 0;
    await untilStoreIsBack(key, () => runTurn(event, rerun || runs++ > 0));
    // Tried again by the inbox itself when MongoDB went away (the update is idempotent).
    if (key !== undefined) await deps.db.inbox.markDone(key);
  }

  /**
   * A turn cut off by MongoDB going away (a restart, a failover) runs again as soon as the store
   * answers, instead of waiting for the resumer a lease later: what it already stored stands
   * (effects are idempotent per event), what it had not yet done is done now. Other failures,
   * and an outage that outlasts the tries, leave the event to `resume`.
   */
  async function untilStoreIsBack(key: string | undefined, work: () => Promise<void>) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await work();
        return;
      } catch (error) {
        if (key === undefined || attempt >= STORE_RETRIES || !deps.db.inbox.isUnavailable(error)) {
          throw error;
        }
        deps.logger.warn({ eventId: key, attempt }, 'turn cut off by MongoDB: running it again');
        await new Promise((wake) => setTimeout(wake, STORE_RETRY_PAUSE_MS * attempt));
      }
    }
  }

  async function resume(): Promise<number> {
    const entries = await deps.db.inbox.claimStale({
      leaseMs: INBOX_LEASE_MS,
      limit: RESUME_BATCH,
      platforms: deps.platforms.list().map((platform) => platform.id),
    });
    let resumed = 0;
    for (const entry of entries) {
      if (entry.attempts > MAX_TURN_ATTEMPTS) {
        deps.logger.error({ eventId: entry.key, attempts: entry.attempts }, 'event given up');
        await deps.db.inbox.markFailed(entry.key);
        continue;
      }
      deps.logger.warn({ eventId: entry.key, attempts: entry.attempts }, 'abandoned event resumed');
      try {
        await process(parseStoredEvent(entry.payload), true);
        resumed += 1;
      } catch (error) {
        // Left accepted: the next resume (or the platform's retry) tries again, up to the limit.
        deps.logger.error({ err: error, eventId: entry.key }, 'resumed event failed');
      }
    }
    return resumed;
  }

  async function runTurn(event: InboundEvent, rerun: boolean): Promise<void> {
    const send = replier(event, rerun);
    if (event.kind === 'installed') return greetWhereInstalled(event, send);
    const now = deps.clock.now();
    // Reading the message is the turn's heaviest step: acknowledgements waiting go first.
    await giveWay();
    // The person, their conversation state here and any open check-in: one read for the turn,
    // with the visits the message will need.
    const context = await deps.db.turnContext.load(
      event.actor,
      event.conversation.key,
      visitsToReadAhead(event, now),
    );
    // Rendering the answer is heavy too.
    await giveWay();
    if (!context) return answerStranger(event, send);
    await rememberLink(context.person, event.conversation);
    const turn = startTurn(event, context, send, now);
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
  async function answerStranger(event: PersonEvent, send: Replier): Promise<void> {
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
  async function greetWhereInstalled(event: InstalledEvent, send: Replier): Promise<void> {
    const { conversation } = event;
    const person =
      conversation.isDirect && event.actor ? await identifyPerson(deps.db, event.actor) : undefined;
    if (person) await rememberLink(person, conversation);
    const text = catalogFor(localeOf(person, undefined, deps.locale));
    const greeting = conversation.isDirect && !person ? text.unknownPerson() : text.help();
    await send(conversation, { text: greeting });
  }

  /**
   * The visits the turn will read, so its first command brings them along: the open ones for
   * "mine besøg" (its button, Slack's Home tab), and the recently closed ones too for a visit
   * report and «fortryd». Only messages up to a report's length are read ahead. A pending
   * question may still take the message as its answer; then the visits were read for nothing,
   * in the same command.
   */
  function visitsToReadAhead(event: PersonEvent, now: Date): TurnContextOptions {
    const open = { openVisits: true };
    const openAndRecent = { openVisits: true, recentlyClosedVisits: RECENTLY_CLOSED };
    switch (event.kind) {
      case 'home_opened':
        return open;
      case 'action':
        return event.action.flow === MENU_FLOW && event.action.value === 'my_visits' ? open : {};
      case 'message':
      case 'command': {
        if (event.text.length > MAX_REPORT_LENGTH) return {};
        const intent = readMessage(event, event.text, now, deps.timeZone);
        if (intent.kind === 'my_visits') return open;
        if (intent.kind === 'visit_report' || intent.kind === 'undo') return openAndRecent;
        return {};
      }
      default:
        return {};
    }
  }

  function startTurn(event: PersonEvent, context: TurnContext, send: Replier, now: Date): Turn {
    const { person } = context;
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
      held: {
        state: context.state,
        openCheckIn: context.openCheckIn,
        areas: context.areas,
        ...(context.openVisits ? { openVisits: context.openVisits } : {}),
        ...(context.recentlyClosedVisits
          ? { recentlyClosedVisits: context.recentlyClosedVisits }
          : {}),
      },
      locale,
      // The process's zone: every area of a programme lies in one country.
      zone: deps.timeZone,
      now,
      text: catalogFor(locale),
      mayShowPersonalData: mayShowResidentData(event.conversation),
      deps,
      platform,
      say: (message) => send(event.conversation, deliverable(message)),
      replace: (ref, message) => outbound.update(ref, deliverable(message)),
      received: (file) => downloadable(file, platform),
    };
  }

  /**
   * How a turn's replies go out. Each carries a key made of the event's and its place in the
   * turn (`slack:event:Ev…#1`), kept with the message where the platform can. When the turn runs
   * again — its process died after replying but before the event was marked done, or MongoDB
   * went away mid-turn — each reply is first looked for under its key and not sent twice.
   */
  function replier(event: InboundEvent, rerun: boolean): Replier {
    const key = inboxKeyOf(event);
    let replies = 0;
    return async (conversation, message) => {
      // Rendering and sending the answer is the next heaviest: acknowledgements go first again.
      await giveWay();
      const outbound = platformOf(conversation).outbound;
      if (key === undefined) return outbound.send(conversation, message);
      replies += 1;
      const sendKey = `${key}#${replies}`;
      if (rerun && outbound.findSent) {
        const found = await outbound.findSent(conversation, sendKey, event.receivedAt);
        if (found) {
          deps.logger.info({ eventId: key, reply: replies }, 'reply already sent: not sent again');
          return found;
        }
      }
      return outbound.send(conversation, message, { sendKey });
    };
  }

  return {
    accept,
    process,
    async handle(event) {
      if ((await accept(event)).accepted) await process(event);
    },
    resume,
  };
}

type Replier = (conversation: ConversationRef, message: OutboundMessage) => Promise<MessageRef>;

/** The event's key in the inbox, `<platform>:<event id>`; none for events without an id. */
function inboxKeyOf(event: InboundEvent): string | undefined {
  return event.eventId === '' ? undefined : eventKeyOf(event);
}

/** An event as `accept` stored it: JSON, with its one date revived. */
function parseStoredEvent(payload: string): InboundEvent {
  const event = JSON.parse(payload) as InboundEvent & { receivedAt: string | Date };
  return { ...event, receivedAt: new Date(event.receivedAt) } as InboundEvent;
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
