import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { NaboDatabase } from '../../../models/database.js';
import { createInboundPipeline, type InboundPipeline } from '../../../src/core/pipeline.js';
import { fixedClock } from '../../../kernel/clock.js';
import type {
  ConversationRef,
  SharedFile,
  InboundEvent,
  Mention,
  PlatformIdentity,
} from '../../../src/core/inbound.js';
import type { OutboundMessage } from '../../../src/core/outbound.js';
import type { PersonNotifier } from '../../../src/core/turn.js';
import { allFlows } from '../../../src/core/all-flows.js';
import { createLogger } from '../../../kernel/logger.js';
import {
  RecordingAdapter,
  sharedTestFile,
  testPlatforms,
  type Chat,
} from '../../support/conversation.js';

/** The conversation the Chat test adapter uses for an actor (same key, so state carries over). */
export function conversationOf(actor: PlatformIdentity, isDirect = true): ConversationRef {
  return {
    platform: actor.platform,
    key: `test:${JSON.stringify(actor)}:${isDirect ? 'dm' : 'channel'}`,
    isDirect,
    address: {},
  };
}

let events = 0;

/** Shares a file with the bot, as the Slack and Teams adapters deliver an upload. */
export function sendFile(
  chat: Chat,
  actor: PlatformIdentity,
  file: SharedFile,
  isDirect = true,
): Promise<OutboundMessage[]> {
  return chat.deliver({
    eventId: `file-${++events}-${randomUUID()}`,
    actor,
    conversation: conversationOf(actor, isDirect),
    receivedAt: chat.clock.now(),
    kind: 'file',
    file,
  });
}

/** Submits a form (a Teams card, a Slack modal) with these values. */
export function submitForm(
  chat: Chat,
  actor: PlatformIdentity,
  formId: string,
  values: Record<string, string>,
): Promise<OutboundMessage[]> {
  return chat.deliver({
    eventId: `form-${++events}-${randomUUID()}`,
    actor,
    conversation: conversationOf(actor),
    receivedAt: chat.clock.now(),
    kind: 'form_submit',
    formId,
    values,
    source: undefined,
  });
}

/** An upload of these bytes, which counts how often the bot fetched it. */
export const uploaded = sharedTestFile;

/** A small .xlsx the way a housing system exports one: a title row, a header, real date cells. */
export async function residentWorkbook(
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tilflyttere');
  for (const row of rows) sheet.addRow([...row]);
  workbook.addWorksheet('Noter').addRow(['ignored']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A notifier that records what would have been sent (or says the person is unreachable). */
export class RecordingNotifier implements PersonNotifier {
  readonly sent: Array<{ personId: string; message: OutboundMessage }> = [];
  constructor(private readonly answer: 'sent' | 'unreachable' = 'sent') {}
  async sendToPerson(personId: string, message: OutboundMessage): Promise<'sent' | 'unreachable'> {
    this.sent.push({ personId, message });
    return this.answer;
  }
}

/** A bot with a notifier, for the tests that check proactive welcomes. */
export function botWithNotifier(
  db: NaboDatabase,
  notifier: PersonNotifier,
): { bot: InboundPipeline; adapter: RecordingAdapter } {
  const adapter = new RecordingAdapter();
  const bot = createInboundPipeline(
    {
      db,
      clock: fixedClock('2026-11-27T10:00:00+01:00'),
      timeZone: 'Europe/Copenhagen',
      locale: 'da',
      logger: createLogger({ level: 'silent' }),
      notifier,
      platforms: testPlatforms(adapter),
    },
    allFlows,
  );
  return { bot, adapter };
}

export function messageEvent(
  actor: PlatformIdentity,
  text: string,
  mentions?: Mention[],
): InboundEvent {
  return {
    eventId: `msg-${++events}-${randomUUID()}`,
    actor,
    conversation: conversationOf(actor),
    receivedAt: new Date('2026-11-27T09:00:00Z'),
    kind: 'message',
    text,
    ...(mentions ? { mentions } : {}),
  };
}
