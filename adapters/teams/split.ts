import type { OutboundMessage } from '../../src/core/outbound.js';

/**
 * Teams refuses messages larger than about 28 KB (HTTP 413). A long list of households is split
 * into several messages, each with whole sections; the first keeps the introduction, the last
 * the message's own buttons and form. A single part that is still too large is trimmed.
 */

export type Fits = (message: OutboundMessage) => boolean;

const ELLIPSIS = '…';
const MAX_TRIM_ROUNDS = 40;

/** Parts that each fit, in reading order; always at least one. */
export function fitMessage(message: OutboundMessage, fits: Fits, depth = 0): OutboundMessage[] {
  if (fits(message)) return [message];
  const halves = depth < 12 ? splitInTwo(message) : undefined;
  if (!halves) return [trimToFit(message, fits)];
  return halves.flatMap((half) => fitMessage(half, fits, depth + 1));
}

/** Two smaller messages that together say the same, or undefined when there is nothing to split. */
export function splitInTwo(
  message: OutboundMessage,
): [OutboundMessage, OutboundMessage] | undefined {
  const sections = message.sections ?? [];
  const tail = {
    ...(message.choices ? { choices: message.choices } : {}),
    ...(message.form ? { form: message.form } : {}),
  };
  if (sections.length >= 2) {
    const middle = Math.ceil(sections.length / 2);
    return [
      { text: message.text, sections: sections.slice(0, middle) },
      { text: '', sections: sections.slice(middle), ...tail },
    ];
  }
  const textHalves = halveText(message.text);
  if (textHalves) {
    return [
      { text: textHalves[0] },
      { text: textHalves[1], ...(sections.length > 0 ? { sections } : {}), ...tail },
    ];
  }
  if (message.text !== '' && (sections.length > 0 || message.choices || message.form)) {
    return [{ text: message.text }, { text: '', sections, ...tail }];
  }
  return undefined;
}

/** Shortens the longest text until the message fits (best effort: a huge form may still not). */
export function trimToFit(message: OutboundMessage, fits: Fits): OutboundMessage {
  let current = message;
  for (let round = 0; round < MAX_TRIM_ROUNDS && !fits(current); round++) {
    const sections = current.sections ?? [];
    const longestSection = sections.reduce<number>(
      (best, section, index) =>
        best === -1 || section.text.length > (sections[best]?.text.length ?? 0) ? index : best,
      -1,
    );
    const sectionText = longestSection >= 0 ? (sections[longestSection]?.text ?? '') : '';
    if (current.text.length >= sectionText.length) {
      if (current.text.length <= 1) break;
      current = { ...current, text: shorten(current.text) };
    } else {
      current = {
        ...current,
        sections: sections.map((section, index) =>
          index === longestSection ? { ...section, text: shorten(section.text) } : section,
        ),
      };
    }
  }
  return current;
}

function shorten(text: string): string {
  const characters = Array.from(text);
  return characters.slice(0, Math.floor(characters.length / 2)).join('') + ELLIPSIS;
}

/** Splits at the line break nearest the middle, or in the middle of a single long line. */
function halveText(text: string): [string, string] | undefined {
  const lines = text.split('\n');
  if (lines.length >= 2) {
    let best = 1;
    let consumed = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let index = 1; index < lines.length; index++) {
      consumed += (lines[index - 1]?.length ?? 0) + 1;
      const distance = Math.abs(consumed - text.length / 2);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = index;
      }
    }
    return [lines.slice(0, best).join('\n'), lines.slice(best).join('\n')];
  }
  const characters = Array.from(text);
  if (characters.length < 2000) return undefined;
  const middle = Math.floor(characters.length / 2);
  return [characters.slice(0, middle).join(''), characters.slice(middle).join('')];
}
