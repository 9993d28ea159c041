import { z } from 'zod';
import { SlackRequestError } from './errors.js';
import type { SlackBody } from './parse-body.js';

/**
 * The shape of the fields Nabo reads from a verified Slack request, checked before Bolt or the
 * mappers see it: a field of the wrong type (`actions` as an object, `event` as a string, a
 * `user` id as a number) is a bad request (400), never a crash or a silent 200. Fields Nabo does
 * not read pass through unchecked, and payload types Nabo does not handle are left to Bolt.
 */
const id = z.string().min(1);
const text = z.string();

/** The inner event of the Events API, for the event types Nabo subscribes to. */
const personEvent = z.looseObject({
  type: z.string(),
  user: id.optional(),
  channel: id.optional(),
  channel_type: z.string().optional(),
  text: text.optional(),
  subtype: z.string().optional(),
  thread_ts: z.string().optional(),
  team: z.string().optional(),
  tab: z.string().optional(),
  files: z.array(z.looseObject({})).optional(),
});

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: id.optional(),
  event_id: id,
  event: z.looseObject({ type: z.string().min(1) }),
  authorizations: z.array(z.looseObject({ user_id: z.string().optional() })).optional(),
});

const READ_EVENTS = new Set(['message', 'app_mention', 'app_home_opened']);

const user = z.looseObject({ id, team_id: z.string().optional() });
const team = z.looseObject({ id: z.string().optional() }).nullable().optional();

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  user,
  team,
  actions: z.array(
    z.looseObject({
      action_id: z.string().optional(),
      value: z.string().optional(),
      action_ts: z.string().optional(),
    }),
  ),
  container: z.looseObject({ type: z.string().optional() }).optional(),
  channel: z.looseObject({ id: z.string().optional() }).optional(),
  view: z.looseObject({ type: z.string().optional() }).optional(),
  trigger_id: z.string().optional(),
});

const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  user,
  team,
  view: z.looseObject({
    id,
    callback_id: z.string().optional(),
    private_metadata: z.string().optional(),
    hash: z.string().optional(),
    state: z.looseObject({}).optional(),
  }),
});

const slashCommand = z.looseObject({
  command: z.string(),
  team_id: id,
  user_id: id,
  text: z.string().optional(),
  trigger_id: z.string().optional(),
});

function schemaFor(body: SlackBody): z.ZodType | undefined {
  if (typeof body.command === 'string') return slashCommand;
  switch (body.type) {
    case 'event_callback':
      return eventCallback;
    case 'block_actions':
      return blockActions;
    case 'view_submission':
      return viewSubmission;
    default:
      return undefined;
  }
}

/** Throws a 400 when a field Nabo reads has the wrong shape. */
export function checkSlackBody(body: SlackBody): void {
  if (body.type === 'url_verification' && typeof body.challenge !== 'string') {
    throw new SlackRequestError(400, 'url_verification without a challenge');
  }
  // Nearly every request is an event; one that plainly has the right shape needs no zod.
  if (isWellFormedEvent(body)) return;
  const schema = schemaFor(body);
  if (!schema) return;
  const parsed = schema.safeParse(body);
  const event = body.event as { type?: unknown } | undefined;
  const inner =
    parsed.success && body.type === 'event_callback' && READ_EVENTS.has(String(event?.type))
      ? personEvent.safeParse(event)
      : undefined;
  if (!parsed.success || inner?.success === false) {
    // Which field, not its value: a wrong field may hold anything a person typed.
    const issue = (parsed.success ? inner?.error : parsed.error)?.issues[0];
    throw new SlackRequestError(
      400,
      `Slack ${String(body.type ?? 'command')} payload with a wrong shape at ${issue?.path.join('.') ?? '?'}`,
    );
  }
}

// ── The same check, by hand, for the common case ────────────────────────────────────────────────
// No stricter and no looser than `eventCallback` and `personEvent` above: true only when both
// would accept the body. Anything else (including every malformed event) goes to zod, which
// finds the field to name in the 400.

function isWellFormedEvent(body: SlackBody): boolean {
  if (body.type !== 'event_callback' || typeof body.command === 'string') return false;
  if (!isOptionalId(body.team_id) || !isId(body.event_id)) return false;
  const event = body.event;
  if (!isObject(event) || typeof event.type !== 'string' || event.type === '') return false;
  const authorizations = body.authorizations;
  if (authorizations !== undefined) {
    if (!Array.isArray(authorizations)) return false;
    for (const authorization of authorizations) {
      if (!isObject(authorization) || !isOptionalString(authorization.user_id)) return false;
    }
  }
  if (!READ_EVENTS.has(event.type)) return true;
  if (!isOptionalId(event.user) || !isOptionalId(event.channel)) return false;
  for (const field of ['channel_type', 'text', 'subtype', 'thread_ts', 'team', 'tab']) {
    if (!isOptionalString(event[field])) return false;
  }
  const files = event.files;
  return files === undefined || (Array.isArray(files) && files.every(isObject));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function isOptionalId(value: unknown): boolean {
  return value === undefined || isId(value);
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}
