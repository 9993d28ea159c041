import nock from 'nock';

/**
 * The Bot Connector of a Teams service URL, played by nock. It records every call the bot makes
 * (sends are POSTs, updates are PUTs) and answers with activity ids, unless a test scripts other
 * answers (429, 413) with `failNext`.
 */

export const SERVICE_URL = 'https://smba.teams.test/emea/';

export interface ConnectorCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** For a POST the activity replied to (if any); for a PUT the activity replaced. */
  activityId: string | undefined;
  body: Record<string, unknown>;
  authorization: string | undefined;
  /** The id the connector gave (POST) or kept (PUT): what the bot later updates. */
  resultId: string;
}

type ScriptedAnswer = { status: number; body?: unknown; headers?: Record<string, string> };

const ACTIVITIES_PATH = /^\/emea\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/;

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Every request that reached the connector, scripted failures included. */
  readonly attempts: Array<{ method: string; body: Record<string, unknown> }> = [];
  private readonly scripted: ScriptedAnswer[] = [];
  private sequence = 0;

  install(): this {
    // nock 15 hands the reply function the fetch Request the bot sent.
    const answer = (method: 'POST' | 'PUT') => async (request: Request) =>
      this.answer(
        method,
        new URL(request.url).pathname,
        await request.text(),
        request.headers.get('authorization') ?? undefined,
      );
    nock(new URL(SERVICE_URL).origin)
      .persist()
      .post(ACTIVITIES_PATH)
      .reply(answer('POST'))
      .put(ACTIVITIES_PATH)
      .reply(answer('PUT'));
    return this;
  }

  /** Forgets what was recorded (the interceptors stay). */
  clear(): void {
    this.calls.length = 0;
    this.attempts.length = 0;
    this.scripted.length = 0;
  }

  /** The next `count` calls get this answer instead of success. */
  failNext(answer: ScriptedAnswer, count = 1): void {
    for (let index = 0; index < count; index++) this.scripted.push(answer);
  }

  /** What an activity shows now: its latest PUT, or the POST that created it. */
  current(resultId: string): Record<string, unknown> | undefined {
    for (const call of [...this.calls].reverse()) if (call.resultId === resultId) return call.body;
    return undefined;
  }

  private answer(
    method: 'POST' | 'PUT',
    path: string,
    body: string,
    authorization: string | undefined,
  ): nock.ReplyFnResult {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    this.attempts.push({ method, body: parsed });
    const scripted = this.scripted.shift();
    if (scripted)
      return [
        scripted.status,
        scripted.body ?? { error: { code: 'Scripted', message: 'scripted' } },
        scripted.headers ?? {},
      ];
    const match = ACTIVITIES_PATH.exec(path);
    const conversationId = decodeURIComponent(match?.[1] ?? '');
    const activityId = match?.[2] ? decodeURIComponent(match[2]) : undefined;
    const resultId =
      method === 'PUT' && activityId ? activityId : `bot-activity-${++this.sequence}`;
    this.calls.push({
      method,
      conversationId,
      activityId,
      body: parsed,
      authorization,
      resultId,
    });
    return [200, { id: resultId }];
  }
}
