import type { Mention } from '../../src/core/inbound.js';

/**
 * Slack's text conventions. In mrkdwn, `<…>` is a control sequence (`<!channel>`, `<@U123>`,
 * `<https://…|label>`), so text from the core (which may hold a household name someone typed) is
 * escaped; text Slack sends us is decoded back to what the person saw.
 */

/** Escapes the three characters Slack asks for, so `<!channel>` shows literally and pings nobody. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * What a person wrote, as they saw it: links become their label (or address), mentions become
 * `@U123` / `#C123`, special mentions their name; escaped characters are restored last so a
 * literal `&lt;` someone typed stays `&lt;`.
 */
export function decodeSlackText(text: string): string {
  const readable = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return label ? `@${label}` : target;
    if (target.startsWith('#')) return label ? `#${label}` : target;
    if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
    return label ?? target;
  });
  return unescapeMrkdwn(readable);
}

/**
 * The people a message mentions (`<@U123|birgit>`, `<@U123>`), as the core's mentions: who, in
 * the person's workspace, and how each reads in the decoded text ("@birgit", "@U123").
 */
export function mentionsIn(text: string, teamId: string): Mention[] {
  const mentions: Mention[] = [];
  for (const match of text.matchAll(/<@([UW][A-Z0-9]{2,})(?:\|([^>]*))?>/g)) {
    const userId = match[1] ?? '';
    const label = match[2]?.trim();
    mentions.push({
      identity: { platform: 'slack', workspaceId: teamId, userId },
      text: `@${label || userId}`,
      ...(label ? { label } : {}),
    });
  }
  return mentions;
}

/** Removes a mention of the bot (`<@U0BOT>`) so "@Nabo mine besøg" reads "mine besøg". */
export function withoutMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text.trim();
  return text
    .replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts text to `max` characters (code points), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * Splits text into pieces of at most `max` characters, preferring line breaks, then spaces, so a
 * long help text or list stays readable across several sections.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max;
    // Never cut an emoji (a surrogate pair) in half.
    if (cut === max && /[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}
