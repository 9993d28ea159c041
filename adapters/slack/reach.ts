import { performance } from 'node:perf_hooks';
import type { NaboDatabase } from '../../models/database.js';
import type { MessageRef } from '../../src/core/inbound.js';
import type { OutboundMessage } from '../../src/core/outbound.js';
import type { Logger } from '../../kernel/logger.js';
import type { SendOptions, Unreachable } from '../../src/core/platform.js';
import type { Person } from '../../models/types.js';
import { identityOn } from '../../models/identities.js';
import { conversationKey, linkAddressOf, messageRef, type SlackLinkAddress } from './address.js';
import { isSlackApiError } from './errors.js';
import type { SlackOutbound } from './outbound.js';
import { findTsBySendKey } from './sent-messages.js';
import type { SlackApi } from './web-api.js';
import { isAuthFailure } from './web-api.js';

/** Slack's answers that mean this person cannot get a DM from the bot. */
const PERSON_UNREACHABLE = new Set([
  'user_not_found',
  'users_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'user_not_visible',
  'not_allowed_token_type',
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'restricted_action',
  'messages_tab_disabled',
]);
/** How long an address prepared for a send is used without looking it up again. */
const PREPARED_FOR_MS = 60_000;

/** A stored DM that no longer works is opened afresh once. */
const STALE_CHANNEL = new Set(['channel_not_found', 'is_archived', 'not_in_channel']);

/** Bounded memory of DMs already known; saves a conversations.open or a MongoDB write per event. */
class BoundedMap<V> extends Map<string, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: string, value: V): this {
    if (this.size >= this.limit && !this.has(key)) {
      const oldest = this.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    return super.set(key, value);
  }
}

/**
 * Reaching people proactively (jobs: new assignments, revisit reminders) through their stored
 * ConversationLink, opening a DM when there is none. A person Slack will not let us reach is
 * reported as unreachable, so the caller can tell the coordinator; it is not an error.
 */
export class SlackReach {
  private readonly directChannels = new BoundedMap<string>(10_000);
  /** Addresses looked up by prepareSend for the send that follows it (by person id). */
  private readonly prepared = new BoundedMap<{ address: SlackLinkAddress; at: number }>(10_000);

  constructor(
    private readonly deps: {
      db: NaboDatabase;
      /** The Web API client of a workspace (its bot token). */
      apiFor: (teamId: string) => Promise<SlackApi>;
      outbound: SlackOutbound;
      logger: Logger;
    },
  ) {}

  /** The person's DM channel with the bot (conversations.open returns the existing one). */
  async openDirectChannel(teamId: string, userId: string): Promise<string> {
    const key = `${teamId}:${userId}`;
    const known = this.directChannels.get(key);
    if (known) return known;
    const api = await this.deps.apiFor(teamId);
    const result = await api.call('conversations.open', { users: userId });
    const channel = (result.channel as { id?: unknown } | undefined)?.id;
    if (typeof channel !== 'string') throw new Error('conversations.open returned no channel');
    this.directChannels.set(key, channel);
    return channel;
  }

  /** A payload showed the person's DM with the bot: no need to open it again. */
  noteDirectChannel(direct: { teamId: string; userId: string; channel: string }): void {
    this.directChannels.set(`${direct.teamId}:${direct.userId}`, direct.channel);
  }

  /**
   * Looks up the person's DM (the stored link, or one opened now and stored) ahead of a paced
   * send, so the send itself is a single chat.postMessage. Failures are left to the send, which
   * looks again and tells an unreachable person from an error.
   */
  async prepareSend(person: Person): Promise<void> {
    try {
      const slack = identityOn(person, 'slack');
      // A DM this process already knows (opened, or seen in an event) is the person's link: the
      // channel of a person's DM with the bot does not change. A stale one is opened afresh by
      // the send.
      const known = slack && this.directChannels.get(`${slack.workspaceId}:${slack.userId}`);
      if (slack && known) {
        this.prepared.set(person.id, {
          address: { teamId: slack.workspaceId, channel: known },
          at: performance.now(),
        });
        return;
      }
      const link = await this.deps.db.conversationLinks.get(person.id, 'slack');
      let address = linkAddressOf(link?.address);
      if (address && slack?.workspaceId === address.teamId) {
        this.directChannels.set(`${slack.workspaceId}:${slack.userId}`, address.channel);
      }
      if (!address) {
        if (!slack) return;
        const channel = await this.openDirectChannel(slack.workspaceId, slack.userId);
        address = { teamId: slack.workspaceId, channel };
        await this.deps.db.conversationLinks.upsert({
          personId: person.id,
          platform: 'slack',
          address,
        });
      }
      this.prepared.set(person.id, { address, at: performance.now() });
    } catch (error) {
      this.deps.logger.debug({ platform: 'slack', err: error }, 'send not prepared');
    }
  }

  async sendToPerson(
    person: Person,
    message: OutboundMessage,
    options: SendOptions = {},
  ): Promise<MessageRef | Unreachable> {
    const personId = person.id;
    const prepared = this.prepared.get(personId);
    this.prepared.delete(personId);
    const fresh = prepared && performance.now() - prepared.at < PREPARED_FOR_MS;
    const stored = fresh
      ? prepared.address
      : linkAddressOf((await this.deps.db.conversationLinks.get(personId, 'slack'))?.address);
    if (stored) {
      try {
        return await this.post(stored, message, options);
      } catch (error) {
        // A DM that was archived or closed is opened again below; anything else is final.
        if (!isSlackApiError(error) || !STALE_CHANNEL.has(error.slackError))
          return this.unreachableOr(error, personId);
      }
    }
    const slack = identityOn(person, 'slack');
    if (!slack) return { unreachable: true, reason: 'no_link' };
    try {
      this.directChannels.delete(`${slack.workspaceId}:${slack.userId}`);
      const channel = await this.openDirectChannel(slack.workspaceId, slack.userId);
      const address: SlackLinkAddress = { teamId: slack.workspaceId, channel };
      await this.deps.db.conversationLinks.upsert({ personId, platform: 'slack', address });
      return await this.post(address, message, options);
    } catch (error) {
      return this.unreachableOr(error, personId);
    }
  }

  /**
   * A job's message posted with this send key since the instant, looked up in the person's DM
   * (`conversations.history` with the messages' metadata). No stored DM: nothing was posted.
   */
  async findSent(person: Person, sendKey: string, since: Date): Promise<MessageRef | undefined> {
    const link = await this.deps.db.conversationLinks.get(person.id, 'slack');
    const address = linkAddressOf(link?.address);
    if (!address) return undefined;
    const api = await this.deps.apiFor(address.teamId);
    const ts = await findTsBySendKey(api, { channel: address.channel }, sendKey, since);
    return ts === undefined
      ? undefined
      : messageRef(conversationKey(address.teamId, address.channel), {
          kind: 'message',
          channel: address.channel,
          ts,
        });
  }

  private post(
    address: SlackLinkAddress,
    message: OutboundMessage,
    options: SendOptions,
  ): Promise<MessageRef> {
    return this.deps.outbound.post(
      conversationKey(address.teamId, address.channel),
      address.channel,
      message,
      undefined,
      {
        ...(options.sendKey ? { sendKey: options.sendKey } : {}),
        ...(options.paced ? { paced: true } : {}),
        ...(options.notAfter !== undefined ? { notAfter: options.notAfter } : {}),
      },
    );
  }

  private unreachableOr(error: unknown, personId: string): Unreachable {
    if (isSlackApiError(error)) {
      const reason = isAuthFailure(error.slackError)
        ? 'not_installed'
        : PERSON_UNREACHABLE.has(error.slackError)
          ? 'blocked'
          : undefined;
      if (reason) {
        this.deps.logger.info(
          { platform: 'slack', personId, slackError: error.slackError },
          'person unreachable on Slack',
        );
        return { unreachable: true, reason };
      }
    }
    throw error;
  }
}
