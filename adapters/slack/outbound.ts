import type { ConversationRef, MessageRef } from '../../src/core/inbound.js';
import type { OutboundImage, OutboundMessage, OutboundPort } from '../../src/core/outbound.js';
import type { Logger } from '../../kernel/logger.js';
import {
  messageRef,
  slackAddressOf,
  targetOf,
  teamOfConversationKey,
  type SlackAddress,
} from './address.js';
import { renderHome, renderMessage, renderModal } from './blocks.js';
import { isSlackApiError } from './errors.js';
import { TRIGGER_LIFETIME_MS } from './limits.js';
import type { SlackMessages } from './messages.js';
import { findTsBySendKey, sendKeyMetadata, type SendKeyMetadata } from './sent-messages.js';
import type { SlackApi } from './web-api.js';

/** Trigger errors after which a form is offered again instead of failing the turn. */
const EXPIRED_TRIGGER = new Set([
  'expired_trigger_id',
  'exchanged_trigger_id',
  'invalid_trigger_id',
]);

/**
 * The core's outbound port on Slack: messages are posted (in pages of 50 blocks), answered
 * questions are edited in place with chat.update, a form opens as a modal while its trigger is
 * fresh, and answers to "App Home opened" are published as the Home tab.
 */
export class SlackOutbound implements OutboundPort {
  /** The Web API client with the bot token of a workspace (one token, or each install's own). */
  private readonly apiFor: (teamId: string) => Promise<SlackApi>;

  constructor(
    api: SlackApi | ((teamId: string) => Promise<SlackApi>),
    private readonly options: { messages: SlackMessages; nowMs: () => number; logger: Logger },
  ) {
    this.apiFor = typeof api === 'function' ? api : async () => api;
  }

  async send(
    conversation: ConversationRef,
    message: OutboundMessage,
    options: { sendKey?: string } = {},
  ): Promise<MessageRef> {
    const address = slackAddressOf(conversation);
    const api = await this.apiFor(address.teamId);
    if (message.form) return this.openForm(api, conversation.key, address, message);
    if (address.surface === 'home' && address.userId) {
      await this.publishHome(api, address.userId, message);
      return messageRef(conversation.key, { kind: 'home', userId: address.userId });
    }
    return this.postWith(
      api,
      conversation.key,
      address.channel,
      message,
      address.threadTs,
      options.sendKey ? { sendKey: options.sendKey } : {},
    );
  }

  /**
   * A reply posted with this send key, looked up in the conversation (or its thread) with the
   * messages' metadata. The Home tab keeps no messages: nothing to find, it is published again.
   */
  async findSent(
    conversation: ConversationRef,
    sendKey: string,
    since: Date,
  ): Promise<MessageRef | undefined> {
    const address = slackAddressOf(conversation);
    if (address.surface === 'home') return undefined;
    const api = await this.apiFor(address.teamId);
    const ts = await findTsBySendKey(api, address, sendKey, since);
    return ts === undefined
      ? undefined
      : messageRef(conversation.key, { kind: 'message', channel: address.channel, ts });
  }

  async update(ref: MessageRef, message: OutboundMessage): Promise<void> {
    const api = await this.apiFor(teamOfConversationKey(ref.conversationKey));
    const target = targetOf(ref);
    if (target.kind === 'home') {
      await this.publishHome(api, target.userId, message);
      return;
    }
    if (target.kind === 'view') {
      // An open modal can only be replaced by another form; anything else has nowhere to go.
      if (message.form) {
        const view = renderModal(message.form, '{}', this.options.messages.modalClose);
        await api.call('views.update', { view_id: target.viewId, view });
      }
      return;
    }
    const [first, ...rest] = renderMessage(message);
    if (!first) return;
    await api.call(
      'chat.update',
      { channel: target.channel, ts: target.ts, text: first.text, blocks: first.blocks },
      { retryRateLimited: true },
    );
    // A replacement longer than one page continues in new messages below the edited one.
    for (const page of rest) await this.postPage(api, target.channel, page);
  }

  /**
   * Posts to a channel by id (proactive sends from jobs have no inbound conversation), in a
   * thread when the person wrote in one. The key names the workspace whose token posts.
   */
  async post(
    key: string,
    channel: string,
    message: OutboundMessage,
    threadTs?: string,
    options: { sendKey?: string; paced?: boolean; notAfter?: number } = {},
  ): Promise<MessageRef> {
    const api = await this.apiFor(teamOfConversationKey(key));
    return this.postWith(api, key, channel, message, threadTs, options);
  }

  private async postWith(
    api: SlackApi,
    key: string,
    channel: string,
    message: OutboundMessage,
    threadTs?: string,
    options: { sendKey?: string; paced?: boolean; notAfter?: number } = {},
  ): Promise<MessageRef> {
    if (message.image) await this.uploadImage(api, channel, message.image, threadTs);
    let first: MessageRef | undefined;
    const pages = renderMessage(message);
    for (const [index, page] of pages.entries()) {
      // A send key (a job's, or a turn's reply's) goes on the last page as message metadata:
      // found there after a crash, the whole message went out (SlackReach.findSent, findSent).
      const metadata =
        options.sendKey && index === pages.length - 1
          ? sendKeyMetadata(options.sendKey)
          : undefined;
      // A paced send's first page is the one its token was for: a 429 goes back to the caller.
      const paced = options.paced && index === 0;
      const posted = await this.postPage(api, channel, page, threadTs, metadata, {
        retryRateLimited: !paced,
        ...(paced && options.notAfter !== undefined ? { notAfter: options.notAfter } : {}),
      });
      first ??= messageRef(key, { kind: 'message', channel: posted.channel, ts: posted.ts });
    }
    if (!first) throw new Error('renderMessage returned no page');
    return first;
  }

  /**
   * A picture goes up with Slack's external upload (files.upload is retired): ask for an upload
   * URL, send the bytes there, then complete the upload into the channel, where it shows above
   * the text that follows. A failed upload is logged and the text still goes: the figures are in
   * the table too.
   */
  private async uploadImage(
    api: SlackApi,
    channel: string,
    image: OutboundImage,
    threadTs?: string,
  ): Promise<void> {
    try {
      const ticket = await api.call(
        'files.getUploadURLExternal',
        { filename: image.fileName, length: image.png.length, alt_text: image.altText },
        { retryRateLimited: true },
      );
      const uploadUrl = typeof ticket.upload_url === 'string' ? ticket.upload_url : undefined;
      const fileId = typeof ticket.file_id === 'string' ? ticket.file_id : undefined;
      if (!uploadUrl || !fileId) throw new Error('files.getUploadURLExternal gave no upload URL');
      const response = await fetch(uploadUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array(image.png),
        redirect: 'error',
        signal: AbortSignal.timeout(30_000),
      });
      if (!response.ok) throw new Error(`Slack's upload URL answered ${response.status}`);
      await api.call(
        'files.completeUploadExternal',
        {
          files: JSON.stringify([{ id: fileId, title: image.fileName }]),
          channel_id: channel,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        },
        { retryRateLimited: true },
      );
    } catch (error) {
      this.options.logger.warn(
        { platform: 'slack', err: error, bytes: image.png.length },
        'image upload failed; sending the text alone',
      );
    }
  }

  private async postPage(
    api: SlackApi,
    channel: string,
    page: { text: string; blocks: unknown[] },
    threadTs?: string,
    metadata?: SendKeyMetadata,
    callOptions: { retryRateLimited: boolean; notAfter?: number } = { retryRateLimited: true },
  ): Promise<{ channel: string; ts: string }> {
    const result = await api.call(
      'chat.postMessage',
      {
        channel,
        text: page.text,
        blocks: page.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(metadata ? { metadata } : {}),
      },
      callOptions,
    );
    return {
      channel: typeof result.channel === 'string' ? result.channel : channel,
      ts: typeof result.ts === 'string' ? result.ts : '',
    };
  }

  private async publishHome(
    api: SlackApi,
    userId: string,
    message: OutboundMessage,
  ): Promise<void> {
    await api.call(
      'views.publish',
      { user_id: userId, view: renderHome(message, this.options.messages.homeMore) },
      { retryRateLimited: true },
    );
  }

  /**
   * Slack opens a modal only with a trigger_id younger than 3 s. When there is none (a form in a
   * proactive message) or it has expired, the person gets the message with a line asking them to
   * press again, rather than an error.
   */
  private async openForm(
    api: SlackApi,
    key: string,
    address: SlackAddress,
    message: OutboundMessage,
  ): Promise<MessageRef> {
    const form = message.form;
    const fresh =
      address.triggerId !== undefined &&
      address.triggerAt !== undefined &&
      this.options.nowMs() - address.triggerAt < TRIGGER_LIFETIME_MS;
    if (form && fresh && address.triggerId) {
      const metadata = JSON.stringify({ teamId: address.teamId, channel: address.channel });
      try {
        const result = await api.call('views.open', {
          trigger_id: address.triggerId,
          view: renderModal(form, metadata, this.options.messages.modalClose),
        });
        const view = result.view as { id?: unknown } | undefined;
        return messageRef(key, {
          kind: 'view',
          viewId: typeof view?.id === 'string' ? view.id : '',
        });
      } catch (error) {
        if (!isSlackApiError(error) || !EXPIRED_TRIGGER.has(error.slackError)) throw error;
      }
    }
    this.options.logger.info(
      { platform: 'slack', formId: form?.id },
      'form trigger missing or expired',
    );
    const { form: _form, ...rest } = message;
    const text = [rest.text, this.options.messages.formExpired]
      .filter((line) => line.trim() !== '')
      .join('\n');
    // The Home tab's conversation is the person's DM with the bot, so the fallback goes there too.
    return this.postWith(api, key, address.channel, { ...rest, text }, address.threadTs);
  }
}
