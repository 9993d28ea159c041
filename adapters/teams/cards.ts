import type { Activity } from 'botbuilder';
import type { ActionPayload } from '../../src/core/inbound.js';
import type { Choice, FormField, FormSpec, OutboundMessage } from '../../src/core/outbound.js';
import { escapeCardText, neutralise } from './escape.js';
import { fitMessage } from './split.js';

/**
 * The outbound vocabulary as Teams shows it. A message with buttons, sections or a form becomes
 * an Adaptive Card (schema 1.5, which current Teams clients render); a message that is only text
 * is sent as plain text, which keeps notifications readable ("Nabo: …" rather than "sent a card").
 */

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_VERSION = '1.5';

/**
 * Teams answers 413 above roughly 28 KB per message; this leaves room for the envelope
 * botbuilder adds (conversation, recipient, ids) and for multi-byte characters.
 */
export const MAX_ACTIVITY_BYTES = 24_000;

/** What a Nabo button or form carries back in `activity.value` (Action.Submit) or `action.data` (Action.Execute). */
export type NaboSubmitData =
  { nabo: ActionPayload } | ({ nabo: { form: string } } & Record<string, unknown>);

type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  $schema: string;
  type: 'AdaptiveCard';
  version: string;
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
}

export type TeamsMessageActivity = Partial<Activity> & { type: 'message' };

/** One activity for the message; `asCard` forces a card (updates replace cards with cards). */
export function renderActivity(
  message: OutboundMessage,
  options: { asCard?: boolean } = {},
): TeamsMessageActivity {
  if (!options.asCard && isPlainText(message)) {
    // textFormat 'plain' and no mention entities: Teams shows the text as it is; neutralise()
    // keeps it inert even for a client that would read it as markdown or HTML anyway.
    return { type: 'message', text: neutralise(message.text), textFormat: 'plain' };
  }
  return {
    type: 'message',
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: renderCard(message) }],
  };
}

/** The message as activities that each stay under Teams' size limit, in reading order. */
export function renderActivities(
  message: OutboundMessage,
  options: { asCard?: boolean; maxBytes?: number } = {},
): TeamsMessageActivity[] {
  const maxBytes = options.maxBytes ?? MAX_ACTIVITY_BYTES;
  const fits = (part: OutboundMessage): boolean =>
    byteSize(renderActivity(part, options)) <= maxBytes;
  return fitMessage(message, fits).map((part) => renderActivity(part, options));
}

export function byteSize(activity: Partial<Activity>): number {
  return Buffer.byteLength(JSON.stringify(activity), 'utf8');
}

function isPlainText(message: OutboundMessage): boolean {
  return !message.sections?.length && !message.choices?.length && !message.form;
}

export function renderCard(message: OutboundMessage): AdaptiveCard {
  const body: CardElement[] = [...textBlocks(message.text)];
  for (const section of message.sections ?? []) {
    const items = [...textBlocks(section.text)];
    if (section.choices?.length) items.push(actionSet(section.choices));
    body.push({ type: 'Container', separator: true, spacing: 'Medium', items });
  }
  if (message.form) body.push(formContainer(message.form));
  const card: AdaptiveCard = {
    $schema: ADAPTIVE_CARD_SCHEMA,
    type: 'AdaptiveCard',
    version: ADAPTIVE_CARD_VERSION,
    body,
    msteams: { width: 'Full' },
  };
  if (message.choices?.length) card.actions = message.choices.map(submitAction);
  return card;
}

/**
 * One TextBlock per line: whether a bare newline breaks the line differs between Teams
 * clients' markdown renderers, separate blocks do not. A blank line becomes a larger gap.
 */
function textBlocks(text: string): CardElement[] {
  const blocks: CardElement[] = [];
  let gap = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      gap = blocks.length > 0;
      continue;
    }
    blocks.push({
      type: 'TextBlock',
      text: escapeCardText(line),
      wrap: true,
      ...(blocks.length > 0 ? { spacing: gap ? 'Medium' : 'None' } : {}),
    });
    gap = false;
  }
  return blocks;
}

function actionSet(choices: readonly Choice[]): CardElement {
  return { type: 'ActionSet', actions: choices.map(submitAction) };
}

function submitAction(choice: Choice): CardElement {
  const data: NaboSubmitData = { nabo: choice.action };
  return {
    type: 'Action.Submit',
    // Action titles are not markdown, but Teams may still read tags in them.
    title: neutralise(choice.label),
    data,
    // A button press carries only its own payload, never half-filled inputs of a form nearby.
    associatedInputs: 'none',
    ...(choice.style === 'primary' ? { style: 'positive' } : {}),
    ...(choice.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

function formContainer(form: FormSpec): CardElement {
  const data: NaboSubmitData = { nabo: { form: form.id } };
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      { type: 'TextBlock', text: escapeCardText(form.title), weight: 'Bolder', wrap: true },
      ...form.fields.map(formInput),
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.Submit', title: neutralise(form.submitLabel), data, style: 'positive' },
        ],
      },
    ],
  };
}

function formInput(field: FormField): CardElement {
  const common = {
    id: field.id,
    label: neutralise(field.label),
    ...(field.required ? { isRequired: true, errorMessage: neutralise(field.label) } : {}),
    ...(field.initial !== undefined ? { value: field.initial } : {}),
  };
  switch (field.kind) {
    case 'text':
      return { type: 'Input.Text', ...common };
    case 'multiline':
      return { type: 'Input.Text', isMultiline: true, ...common };
    case 'number':
      return { type: 'Input.Number', ...common };
    case 'date':
      return { type: 'Input.Date', ...common };
    case 'select':
      return {
        type: 'Input.ChoiceSet',
        style: 'compact',
        choices: (field.options ?? []).map((option) => ({
          title: neutralise(option.label),
          value: option.value,
        })),
        ...common,
      };
  }
}
