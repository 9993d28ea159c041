import type { ConversationReference } from 'botbuilder';
import type { ConversationRef, MessageRef } from '../../src/core/inbound.js';
import type { OutboundImage, OutboundMessage, OutboundPort } from '../../src/core/outbound.js';
import { NaboError } from '../../kernel/errors.js';
import type { Logger } from '../../kernel/logger.js';
import {
  byteSize,
  MAX_ACTIVITY_BYTES,
  renderActivity,
  type TeamsMessageActivity,
} from './cards.js';
import type { TeamsCloudAdapter } from './cloud-adapter.js';
import { asConversationReference, type ReferenceBook } from './references.js';
import { statusOf, withRetry, type RetryNotice, type RetryPolicy } from './retry.js';
import { fitMessage, splitInTwo, trimToFit } from './split.js';

/**
 * The core's outbound port on Teams. Every send and update runs in a proactive turn
 * (continueConversationAsync with the conversation's reference), because the core answers after
 * the inbound HTTP request has been answered and its turn is over. Each connector call is
 * retried by retry.ts; a 413 is never retried as is — the message is sent again in smaller parts.
 */

/** How many times a message refused as too large is halved before giving up. */
const MAX_SPLIT_DEPTH = 3;

export interface TeamsOutboundOptions {
  adapter: TeamsCloudAdapter;
  references: ReferenceBook;
  retry: RetryPolicy;
  logger: Logger;
  maxActivityBytes?: number;
  onRateLimited?: () => void;
}

export class TeamsOutbound implements OutboundPort {
  private readonly maxBytes: number;

  constructor(private readonly options: TeamsOutboundOptions) {
    this.maxBytes = options.maxActivityBytes ?? MAX_ACTIVITY_BYTES;
  }

  /** Returns the first part's id when a long message had to go out in several parts. */
  async send(conversation: ConversationRef, message: OutboundMessage): Promise<MessageRef> {
    const reference =
      asConversationReference(conversation.address) ??
      (await this.options.references.get(conversation.key));
    if (!reference) {
      throw new NaboError(
        'INVALID_INPUT',
        'Teams conversation has no usable conversation reference',
      );
    }
    await this.options.references.remember(conversation.key, reference);
    const ids: string[] = [];
    const { image, ...rest } = message;
    if (image) ids.push(...(await this.sendImage(reference, image)));
    for (const part of fitMessage(rest, this.fits({}))) {
      ids.push(...(await this.deliver(reference, part, 0)));
    }
    return { conversationKey: conversation.key, id: ids[0] ?? '' };
  }

  /** Replaces the card (its buttons go, so it cannot be answered twice); overflow follows as new messages. */
  async update(ref: MessageRef, message: OutboundMessage): Promise<void> {
    const reference = await this.options.references.get(ref.conversationKey);
    if (!reference) {
      throw new NaboError('NOT_FOUND', 'No Teams conversation reference for the message to update');
    }
    const [first, ...rest] = fitMessage(message, this.fits({ asCard: true }));
    if (first) await this.replace(reference, ref.id, first);
    for (const part of rest) await this.deliver(reference, part, 0);
  }

  /**
   * A picture goes as an inline image attachment of its own, ahead of the text: a data URL, since
   * the bytes exist only in this process and Nabo hosts no files. Teams limits a message's size,
   * so a picture it refuses (413, or any failure) is logged and the text still goes — the
   * figures are in the table too.
   */
  private async sendImage(
    reference: Partial<ConversationReference>,
    image: OutboundImage,
  ): Promise<string[]> {
    const activity: TeamsMessageActivity = {
      type: 'message',
      attachments: [
        {
          contentType: 'image/png',
          contentUrl: `data:image/png;base64,${image.png.toString('base64')}`,
          name: image.fileName,
        },
      ],
      // What a client that cannot show the picture shows instead (and what a screen reader reads).
      summary: image.altText,
    };
    try {
      return [await this.post(reference, activity)];
    } catch (error) {
      this.options.logger.warn(
        { status: statusOf(error), bytes: byteSize(activity) },
        'teams did not take the picture; sending the text alone',
      );
      return [];
    }
  }

  private retrying(notice: RetryNotice, line: string): void {
    if (notice.status === 429) this.options.onRateLimited?.();
    this.options.logger.warn(notice, line);
  }

  private fits(options: { asCard?: boolean }) {
    return (part: OutboundMessage): boolean =>
      byteSize(renderActivity(part, options)) <= this.maxBytes;
  }

  private async deliver(
    reference: Partial<ConversationReference>,
    part: OutboundMessage,
    depth: number,
  ): Promise<string[]> {
    const activity = renderActivity(part);
    try {
      return [await this.post(reference, activity)];
    } catch (error) {
      if (statusOf(error) !== 413 || depth >= MAX_SPLIT_DEPTH) throw error;
      this.options.logger.warn(
        { bytes: byteSize(activity), depth },
        'teams refused a message as too large; splitting it',
      );
      const smaller = splitInTwo(part) ?? [this.trimmedToHalf(part, activity, {})];
      const ids: string[] = [];
      for (const piece of smaller) ids.push(...(await this.deliver(reference, piece, depth + 1)));
      return ids;
    }
  }

  private async post(
    reference: Partial<ConversationReference>,
    activity: TeamsMessageActivity,
  ): Promise<string> {
    let id = '';
    await this.options.adapter.continueWith(reference, async (context) => {
      const response = await withRetry(
        () => context.sendActivity(activity),
        this.options.retry,
        (notice) => this.retrying(notice, 'teams connector asked to retry a send'),
      );
      id = response?.id ?? '';
    });
    return id;
  }

  private async replace(
    reference: Partial<ConversationReference>,
    activityId: string,
    part: OutboundMessage,
  ): Promise<void> {
    const activity = renderActivity(part, { asCard: true });
    const update = (content: TeamsMessageActivity) =>
      this.options.adapter.continueWith(reference, async (context) => {
        await withRetry(
          () => context.updateActivity({ ...content, id: activityId }),
          this.options.retry,
          (notice) => this.retrying(notice, 'teams connector asked to retry an update'),
        );
      });
    try {
      await update(activity);
    } catch (error) {
      // An edited message cannot be split in place: a shorter version replaces it instead.
      if (statusOf(error) !== 413) throw error;
      this.options.logger.warn(
        { bytes: byteSize(activity) },
        'teams refused an update as too large; trimming it',
      );
      await update(
        renderActivity(this.trimmedToHalf(part, activity, { asCard: true }), { asCard: true }),
      );
    }
  }

  private trimmedToHalf(
    part: OutboundMessage,
    refused: TeamsMessageActivity,
    options: { asCard?: boolean },
  ): OutboundMessage {
    const target = byteSize(refused) / 2;
    return trimToFit(part, (candidate) => byteSize(renderActivity(candidate, options)) <= target);
  }
}
