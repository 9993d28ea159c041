import nock from 'nock';

/** One Web API call as the bot made it: the method and its form fields (blocks/view parsed). */
export interface RecordedCall {
  method: string;
  params: Record<string, string>;
  /** What the fake Slack answered (e.g. the ts of a posted message). */
  response: Record<string, unknown>;
}

export type CannedReply = {
  status?: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
};

/**
 * Slack's Web API, answered by nock: every call is recorded with its form-encoded body, and
 * answered like Slack would (chat.postMessage returns a fresh ts, conversations.open a DM id).
 * A test can queue a different answer for the next call of a method (`failNext`).
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  private sequence = 0;
  private readonly queued = new Map<string, CannedReply[]>();
  private readonly held = new Map<string, Promise<void>>();

  constructor(readonly origin = 'https://slack.com') {}

  install(): void {
    nock(this.origin)
      .persist()
      .post(/^\/api\/[\w.]+$/)
      .reply(async (request: Request) => {
        const method = new URL(request.url).pathname.replace(/^\/api\//, '');
        const params = Object.fromEntries(new URLSearchParams(await request.text()));
        const gate = this.held.get(method);
        if (gate) {
          this.held.delete(method);
          await gate;
        }
        const canned = this.queued.get(method)?.shift();
        const response = canned?.body ?? this.answer(method, params);
        this.calls.push({ method, params, response });
        return [canned?.status ?? 200, response, canned?.headers ?? {}];
      });
  }

  /** The next call of `method` gets this answer instead of success. */
  failNext(method: string, reply: CannedReply): void {
    const queue = this.queued.get(method) ?? [];
    queue.push(reply);
    this.queued.set(method, queue);
  }

  /** The next call of `method` is answered only after `release()`: shows what happens first. */
  holdNext(method: string): { release: () => void } {
    let release!: () => void;
    this.held.set(method, new Promise<void>((resolve) => (release = resolve)));
    return { release: () => release() };
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.queued.clear();
    this.held.clear();
  }

  private answer(method: string, params: Record<string, string>): Record<string, unknown> {
    switch (method) {
      case 'chat.postMessage':
        return {
          ok: true,
          channel: params.channel,
          ts: `1790000000.${String(++this.sequence).padStart(6, '0')}`,
        };
      case 'chat.update':
        return { ok: true, channel: params.channel, ts: params.ts };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${params.users ?? 'X'}` } };
      case 'views.publish':
      case 'views.open':
        return { ok: true, view: { id: `V${++this.sequence}` } };
      case 'files.getUploadURLExternal':
        return {
          ok: true,
          upload_url: `https://files.slack.com/upload/v1/test-${++this.sequence}`,
          file_id: `F${this.sequence}`,
        };
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: JSON.parse(params.files ?? '[{}]')[0]?.id }] };
      case 'auth.test':
        return { ok: true, team_id: 'T0NABO', user_id: 'U0BOT', bot_id: 'B0BOT' };
      default:
        return { ok: true };
    }
  }
}

export interface BlockButton {
  label: string;
  actionId: string;
  value: string;
  blockId: string | undefined;
}

export function blocksOf(call: RecordedCall): Array<Record<string, unknown>> {
  const raw =
    call.params.blocks ??
    (call.params.view ? JSON.stringify(JSON.parse(call.params.view).blocks) : '[]');
  return JSON.parse(raw) as Array<Record<string, unknown>>;
}

export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Section texts as the person reads them (Slack shows `&lt;` as `<`). */
export function visibleText(call: RecordedCall): string {
  const sections = blocksOf(call)
    .filter((block) => block.type === 'section')
    .map((block) =>
      unescapeSlack(String((block.text as { text?: unknown } | undefined)?.text ?? '')),
    );
  return sections.length > 0 ? sections.join('\n') : unescapeSlack(call.params.text ?? '');
}

export function buttonsOf(call: RecordedCall): BlockButton[] {
  return blocksOf(call)
    .filter((block) => block.type === 'actions')
    .flatMap((block) =>
      (block.elements as Array<Record<string, unknown>>).map((element) => ({
        label: String((element.text as { text?: unknown }).text),
        actionId: String(element.action_id),
        value: String(element.value ?? ''),
        blockId: typeof block.block_id === 'string' ? block.block_id : undefined,
      })),
    );
}
