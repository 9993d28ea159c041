import type { Mention } from '../core/inbound.js';

/**
 * A coordinator names a new ambassador by mentioning them ("tilføj @Birgit"). The platform's
 * adapter has read the mention's markup already; here it is found in what was said.
 */
export interface FoundMention {
  mention: Mention;
  /** The text without the mention. */
  rest: string;
}

export function findMention(
  text: string,
  mentions: readonly Mention[] | undefined,
): FoundMention | undefined {
  const mention = (mentions ?? []).find((candidate) => text.includes(candidate.text));
  if (!mention) return undefined;
  return { mention, rest: text.replace(mention.text, ' ').replace(/\s+/g, ' ').trim() };
}

/** The mentions of the event being handled (only a message carries any). */
export function mentionsOf(event: { kind: string; mentions?: Mention[] }): Mention[] {
  return event.kind === 'message' ? (event.mentions ?? []) : [];
}
