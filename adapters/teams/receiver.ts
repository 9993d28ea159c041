import { isAllowedTenant } from '../../src/privacy/where-data-may-appear.js';
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { NaboDatabase } from '../../models/database.js';
import type { Bot } from '../../src/core/bot.js';
import type { Clock } from '../../kernel/clock.js';
import type { InboundEvent, PlatformIdentity } from '../../src/core/inbound.js';
import type { OutboundPort } from '../../src/core/outbound.js';
import { catalogFor } from '../../src/i18n/catalog.js';
import { isLocale, type Locale } from '../../src/i18n/locale.js';
import type { Logger } from '../../kernel/logger.js';
import type { TeamsCloudAdapter } from './cloud-adapter.js';
import { interpretActivity, type Interpreted } from './inbound.js';
import { storableReference, type ReferenceBook } from './references.js';

/**
 * One inbound request from Teams. Inside the turn only quick things happen: authentication
 * (before the turn), mapping the activity, remembering its conversation, marking its id as
 * processed so a replay is handled once, and the invoke answer. The core's work is returned as
 * `after` and runs once Teams has its 200, so Teams' 15-second limit is never at stake.
 */

export interface ReceiverDeps {
  adapter: TeamsCloudAdapter;
  bot: Bot;
  outbound: OutboundPort;
  db: NaboDatabase;
  clock: Clock;
  locale: Locale;
  logger: Logger;
  references: ReferenceBook;
  maxFileBytes: number;
  fetchImpl?: typeof fetch;
  /** Tenants allowed to use Nabo; undefined allows any (see TeamsConfig.allowedTenants). */
  allowedTenants?: readonly string[] | undefined;
}

function tenantOf(activity: Activity): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const id = channelData?.tenant?.id;
  return typeof id === 'string' ? id : undefined;
}

export interface BackgroundWork {
  /** Work with the same key runs in order (the conversation key). */
  key: string;
  label: string;
  run(): Promise<void>;
}

export interface ReceiveOutcome {
  status: number;
  body?: unknown;
  after?: BackgroundWork;
}

/** What an Action.Execute gets back at once; the real answer follows as a card update. */
const INVOKE_ACKNOWLEDGEMENT = {
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  value: '✓',
};

export function createReceiver(deps: ReceiverDeps) {
  async function onTurn(context: TurnContext): Promise<BackgroundWork | undefined> {
    const activity = context.activity;
    const isInvoke = activity.type === 'invoke';
    const interpreted = interpretActivity(activity, {
      receivedAt: deps.clock.now(),
      maxFileBytes: deps.maxFileBytes,
      ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
    });
    if (interpreted.kind === 'ignored') {
      deps.logger.debug(
        { type: activity.type, reason: interpreted.reason },
        'teams activity ignored',
      );
      if (isInvoke) await acknowledgeInvoke(context);
      return undefined;
    }

    // Only the organisation's own tenants may use Nabo; others are ignored and audit-logged.
    const tenantId = activity.conversation?.tenantId ?? tenantOf(activity);
    if (!isAllowedTenant(tenantId, deps.allowedTenants)) {
      if (isInvoke) await acknowledgeInvoke(context);
      await refuseTenant(tenantId ?? 'unknown', activity.type);
      return undefined;
    }

    const conversation =
      interpreted.kind === 'event' ? interpreted.event.conversation : interpreted.conversation;
    deps.references.remember(conversation.key, interpreted.reference);
    const firstTime = await isFirstDelivery(activity);
    if (isInvoke) await acknowledgeInvoke(context);
    if (!firstTime) {
      deps.logger.info({ activityId: activity.id }, 'teams activity replayed; handled already');
      return undefined;
    }

    if (interpreted.kind === 'installed') {
      return { key: conversation.key, label: 'welcome', run: () => welcome(interpreted) };
    }
    const { event, reference } = interpreted;
    return { key: conversation.key, label: event.kind, run: () => handleEvent(event, reference) };
  }

  async function refuseTenant(tenantId: string, type: string): Promise<void> {
    deps.logger.warn(
      { tenantId, type },
      'teams activity from a tenant that is not allowed ignored',
    );
    await deps.db.auditEvents.record({
      action: 'platform.tenant_refused',
      subjectType: 'workspace',
      subjectId: `teams:${tenantId}`,
      platform: 'teams',
      details: { type },
    });
  }

  async function isFirstDelivery(activity: Activity): Promise<boolean> {
    // Without an id there is nothing to recognise a replay by; such activities are rare
    // (synthetic ones) and are handled each time.
    if (!activity.id) return true;
    return deps.db.processedEvents.markProcessed(`teams:${activity.id}`);
  }

  async function handleEvent(event: InboundEvent, reference: ConversationReference): Promise<void> {
    if (event.conversation.isDirect && event.actor.platform === 'teams') {
      await linkIfKnown(event.actor, reference);
    }
    await deps.bot.handle(event);
  }

  /** Keeps the person's proactive address current: Teams may move a chat to another service URL. */
  async function linkIfKnown(actor: PlatformIdentity, reference: ConversationReference) {
    const person = await deps.db.people.findByIdentity(actor);
    if (!person) return undefined;
    await deps.db.conversationLinks.upsert({
      personId: person.id,
      platform: 'teams',
      address: storableReference(reference),
    });
    return person;
  }

  /**
   * The bot was installed (personal app) or added to a team or group chat: greet once — Teams
   * sends both conversationUpdate and installationUpdate for one install — and, in a personal
   * chat of a known person, store how to reach them later.
   */
  async function welcome(installed: Extract<Interpreted, { kind: 'installed' }>): Promise<void> {
    const { conversation, actor, reference } = installed;
    if (!(await deps.db.processedEvents.markProcessed(`teams:welcome:${conversation.key}`))) return;
    const person =
      conversation.isDirect && actor?.platform === 'teams'
        ? await linkIfKnown(actor, reference)
        : undefined;
    const locale: Locale = person && isLocale(person.locale) ? person.locale : deps.locale;
    const text =
      conversation.isDirect && !person
        ? catalogFor(locale).unknownPerson()
        : catalogFor(locale).help();
    await deps.outbound.send(conversation, { text });
  }

  return {
    /** Throws TeamsAuthenticationError for a refused token; anything else is a server error. */
    async receive(authHeader: string, activity: Activity): Promise<ReceiveOutcome> {
      let after: BackgroundWork | undefined;
      const invokeResponse = await deps.adapter.receive(authHeader, activity, async (context) => {
        after = await onTurn(context);
      });
      return {
        status: invokeResponse?.status ?? 200,
        ...(invokeResponse?.body !== undefined ? { body: invokeResponse.body } : {}),
        ...(after ? { after } : {}),
      };
    },
  };
}

async function acknowledgeInvoke(context: TurnContext): Promise<void> {
  await context.sendActivity({
    type: 'invokeResponse',
    value: { status: 200, body: INVOKE_ACKNOWLEDGEMENT },
  });
}

export type Receiver = ReturnType<typeof createReceiver>;
