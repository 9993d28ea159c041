/**
 * Reads what a person sees in an activity the bot sent: the text (of a plain message, or of an
 * Adaptive Card's TextBlocks, input labels and choices) and the buttons with their data.
 */

export interface CardButton {
  title: string;
  data: unknown;
}

const CARD = 'application/vnd.microsoft.card.adaptive';

/** Undoes what escape.ts adds: word joiners, and backslashes before ASCII punctuation. */
export function asSeen(text: string): string {
  return text.replace(/\u2060/g, '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

export function cardsOf(activity: Record<string, unknown>): Record<string, unknown>[] {
  const attachments = (activity.attachments ?? []) as Array<{
    contentType?: string;
    content?: unknown;
  }>;
  return attachments
    .filter((attachment) => attachment.contentType === CARD)
    .map((attachment) => attachment.content as Record<string, unknown>);
}

export function visibleText(activity: Record<string, unknown>): string {
  const lines: string[] = [];
  if (typeof activity.text === 'string') lines.push(asSeen(activity.text));
  for (const card of cardsOf(activity))
    walk(card, (element) => {
      if (element.type === 'TextBlock' && typeof element.text === 'string')
        lines.push(asSeen(element.text));
      if (
        typeof element.type === 'string' &&
        element.type.startsWith('Input.') &&
        typeof element.label === 'string'
      ) {
        lines.push(asSeen(element.label));
      }
    });
  return lines.join('\n');
}

export function buttonsOf(activity: Record<string, unknown>): CardButton[] {
  const buttons: CardButton[] = [];
  for (const card of cardsOf(activity))
    walk(card, (element) => {
      if (
        (element.type === 'Action.Submit' || element.type === 'Action.Execute') &&
        typeof element.title === 'string'
      ) {
        buttons.push({ title: asSeen(element.title), data: element.data });
      }
    });
  return buttons;
}

/** Depth-first over a card's elements and actions, in reading order. */
function walk(node: unknown, visit: (element: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const element = node as Record<string, unknown>;
  visit(element);
  for (const key of ['body', 'items', 'columns', 'actions']) walk(element[key], visit);
}
