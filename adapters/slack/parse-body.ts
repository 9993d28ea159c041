import { SlackRequestError } from './errors.js';

export type SlackBody = Record<string, unknown>;

/**
 * Turns a verified raw body into the object Bolt expects, the way Bolt's own receivers do:
 * Events API requests are JSON; interactivity is a form with one `payload` field holding JSON;
 * slash commands are plain form fields. Anything that does not parse is a 400, never a crash.
 */
export function parseSlackBody(rawBody: Buffer, contentType: string | undefined): SlackBody {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = rawBody.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return parseForm(text);
  if (type === 'application/json') return parseJsonObject(text);
  throw new SlackRequestError(400, 'Unsupported content type for a Slack request');
}

function parseForm(text: string): SlackBody {
  let params: URLSearchParams;
  try {
    // decodeURIComponent first: URLSearchParams silently keeps broken %-escapes.
    for (const part of text.split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
    params = new URLSearchParams(text);
  } catch (error) {
    throw new SlackRequestError(400, 'Malformed form body', { cause: error });
  }
  const payload = params.get('payload');
  if (payload !== null) return parseJsonObject(payload);
  const fields: SlackBody = {};
  for (const [key, value] of params) fields[key] = value;
  // Without a payload, only slash commands and Slack's SSL check arrive as forms.
  if (typeof fields.command !== 'string' && fields.ssl_check === undefined) {
    throw new SlackRequestError(400, 'Form body is neither an interaction nor a command');
  }
  return fields;
}

function parseJsonObject(text: string): SlackBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SlackRequestError(400, 'Malformed JSON body', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SlackRequestError(400, 'A Slack request body must be an object');
  }
  return parsed as SlackBody;
}
