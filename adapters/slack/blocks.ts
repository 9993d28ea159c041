import type { types } from '@slack/bolt';
import type { ActionPayload } from '../../src/core/inbound.js';
import type {
  Choice,
  FormField,
  FormSpec,
  MessageSection,
  OutboundMessage,
} from '../../src/core/outbound.js';
import { NaboError } from '../../kernel/errors.js';
import {
  MAX_ACTION_ID,
  MAX_BLOCKS_PER_MESSAGE,
  MAX_BLOCKS_PER_VIEW,
  MAX_BUTTON_TEXT,
  MAX_BUTTON_VALUE,
  MAX_ELEMENTS_PER_ACTIONS_BLOCK,
  MAX_FALLBACK_TEXT,
  MAX_MODAL_BUTTON,
  MAX_MODAL_TITLE,
  MAX_OPTION_TEXT,
  MAX_OPTIONS,
  MAX_PRIVATE_METADATA,
  MAX_SECTION_TEXT,
} from './limits.js';
import { escapeMrkdwn, splitText, truncate } from './text.js';

/**
 * OutboundMessage → Block Kit. Text becomes mrkdwn sections (escaped: the core's text is plain,
 * and may carry names someone typed), buttons become actions blocks, a form becomes a modal.
 * Everything is cut to Slack's limits here, because Slack refuses a whole message over one block.
 */

type Block = types.KnownBlock;

/** One chat.postMessage worth of blocks, with the plain fallback Slack shows in notifications. */
export interface SlackMessagePage {
  text: string;
  blocks: Block[];
}

/** Blocks that belong together (a household and its buttons) and are never split across pages. */
interface BlockGroup {
  rawText: string;
  blocks: Block[];
}

// ── Button actions ──────────────────────────────────────────────────────────────────────────────

/**
 * `flow:step#index`: the flow and step address the core's handler, the index keeps action_ids
 * unique within a message (Slack requires it; the same step appears once per household). The
 * value carries the ActionPayload value unchanged.
 */
export function encodeActionId(action: ActionPayload, index: number): string {
  if (action.flow.includes(':') || action.flow.includes('#')) {
    throw new NaboError(
      'INVALID_INPUT',
      `Flow name "${action.flow}" cannot be encoded in an action_id`,
    );
  }
  const actionId = `${action.flow}:${action.step}#${index}`;
  if (actionId.length > MAX_ACTION_ID) {
    throw new NaboError('INVALID_INPUT', `action_id longer than ${MAX_ACTION_ID} characters`);
  }
  if (action.value.length > MAX_BUTTON_VALUE) {
    throw new NaboError('INVALID_INPUT', `Button value longer than ${MAX_BUTTON_VALUE} characters`);
  }
  return actionId;
}

/** The ActionPayload a pressed button carries back; undefined for buttons that are not ours. */
export function decodeAction(
  actionId: string,
  value: string | undefined,
): ActionPayload | undefined {
  const match = /^([^:#]+):(.*)#\d+$/.exec(actionId);
  if (!match?.[1] || match[2] === undefined) return undefined;
  return { flow: match[1], step: match[2], value: value ?? '' };
}

function button(choice: Choice, index: number): types.Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(choice.label, MAX_BUTTON_TEXT), emoji: true },
    action_id: encodeActionId(choice.action, index),
    value: choice.action.value,
    ...(choice.style ? { style: choice.style } : {}),
  };
}

/** Buttons in rows of at most 25 (Slack's limit per actions block). */
function actionsBlocks(choices: Choice[], counter: { next: number }): types.ActionsBlock[] {
  const blocks: types.ActionsBlock[] = [];
  for (let start = 0; start < choices.length; start += MAX_ELEMENTS_PER_ACTIONS_BLOCK) {
    const row = choices.slice(start, start + MAX_ELEMENTS_PER_ACTIONS_BLOCK);
    blocks.push({ type: 'actions', elements: row.map((choice) => button(choice, counter.next++)) });
  }
  return blocks;
}

// ── Text ────────────────────────────────────────────────────────────────────────────────────────

/** Sections of at most 3,000 characters after escaping (escaping can make text longer). */
function textSections(text: string): types.SectionBlock[] {
  const pieces = splitText(text, MAX_SECTION_TEXT).flatMap((piece) =>
    escapeMrkdwn(piece).length <= MAX_SECTION_TEXT
      ? [piece]
      : splitText(piece, Math.floor(MAX_SECTION_TEXT / 5)),
  );
  return pieces
    .filter((piece) => piece.trim() !== '')
    .map((piece) => ({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(piece) } }));
}

export function fallbackText(text: string): string {
  return escapeMrkdwn(truncate(text, MAX_FALLBACK_TEXT));
}

function groupsOf(message: OutboundMessage): BlockGroup[] {
  const counter = { next: 0 };
  const groups: BlockGroup[] = [];
  if (message.text.trim() !== '')
    groups.push({ rawText: message.text, blocks: textSections(message.text) });
  for (const section of message.sections ?? []) groups.push(sectionGroup(section, counter));
  if (message.choices && message.choices.length > 0) {
    groups.push({ rawText: '', blocks: actionsBlocks(message.choices, counter) });
  }
  return groups;
}

function sectionGroup(section: MessageSection, counter: { next: number }): BlockGroup {
  return {
    rawText: section.text,
    blocks: [...textSections(section.text), ...actionsBlocks(section.choices ?? [], counter)],
  };
}

// ── Messages ────────────────────────────────────────────────────────────────────────────────────

/**
 * A message as one or more pages of at most 50 blocks. A long list of households becomes several
 * messages rather than one Slack would refuse; a household never loses its buttons to a page
 * break. Every page has a plain fallback text for notifications and screen readers.
 */
export function renderMessage(message: OutboundMessage): SlackMessagePage[] {
  const pages: Array<{ groups: BlockGroup[]; size: number }> = [];
  for (const group of splitOversizeGroups(groupsOf(message), MAX_BLOCKS_PER_MESSAGE)) {
    const current = pages.at(-1);
    if (current && current.size + group.blocks.length <= MAX_BLOCKS_PER_MESSAGE) {
      current.groups.push(group);
      current.size += group.blocks.length;
    } else {
      pages.push({ groups: [group], size: group.blocks.length });
    }
  }
  if (pages.length === 0) return [{ text: fallbackText(message.text || ' '), blocks: [] }];
  return pages.map((page, index) => ({
    text: fallbackText(
      index === 0 && message.text
        ? message.text
        : (page.groups.find((g) => g.rawText)?.rawText ?? message.text),
    ),
    blocks: page.groups.flatMap((group) => group.blocks),
  }));
}

function splitOversizeGroups(groups: BlockGroup[], max: number): BlockGroup[] {
  return groups.flatMap((group) => {
    if (group.blocks.length <= max) return [group];
    const parts: BlockGroup[] = [];
    for (let start = 0; start < group.blocks.length; start += max) {
      parts.push({ rawText: group.rawText, blocks: group.blocks.slice(start, start + max) });
    }
    return parts;
  });
}

// ── App Home ────────────────────────────────────────────────────────────────────────────────────

/**
 * The bot's answer to "App Home opened", as the Home tab. A view holds at most 100 blocks: a
 * longer list ends with a note pointing to the full list in the chat.
 */
export function renderHome(message: OutboundMessage, moreNote: string): types.HomeView {
  const blocks = groupsOf(message).flatMap((group) => group.blocks);
  const fitted =
    blocks.length <= MAX_BLOCKS_PER_VIEW
      ? blocks
      : [
          ...blocks.slice(0, MAX_BLOCKS_PER_VIEW - 1),
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: escapeMrkdwn(moreNote) }],
          } satisfies types.ContextBlock,
        ];
  return { type: 'home', blocks: fitted };
}

// ── Forms ───────────────────────────────────────────────────────────────────────────────────────

/** A form as a modal; `privateMetadata` tells the submission where the form came from. */
export function renderModal(
  form: FormSpec,
  privateMetadata: string,
  closeLabel: string,
): types.ModalView {
  if (privateMetadata.length > MAX_PRIVATE_METADATA) {
    throw new NaboError('INVALID_INPUT', 'Modal metadata too long');
  }
  return {
    type: 'modal',
    callback_id: form.id,
    title: { type: 'plain_text', text: truncate(form.title, MAX_MODAL_TITLE) },
    submit: { type: 'plain_text', text: truncate(form.submitLabel, MAX_MODAL_BUTTON) },
    close: { type: 'plain_text', text: truncate(closeLabel, MAX_MODAL_BUTTON) },
    private_metadata: privateMetadata,
    blocks: form.fields.slice(0, MAX_BLOCKS_PER_VIEW).map(inputBlock),
  };
}

function inputBlock(field: FormField): types.InputBlock {
  return {
    type: 'input',
    block_id: field.id,
    optional: !field.required,
    label: { type: 'plain_text', text: truncate(field.label, 2_000) },
    element: inputElement(field),
  };
}

function inputElement(field: FormField): types.InputBlock['element'] {
  const initial = field.initial;
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return {
        type: 'plain_text_input',
        action_id: field.id,
        multiline: field.kind === 'multiline',
        ...(initial ? { initial_value: initial } : {}),
      };
    case 'number':
      return {
        type: 'number_input',
        action_id: field.id,
        is_decimal_allowed: false,
        ...(initial ? { initial_value: initial } : {}),
      };
    case 'date':
      return {
        type: 'datepicker',
        action_id: field.id,
        ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { initial_date: initial } : {}),
      };
    case 'select': {
      const options = (field.options ?? []).slice(0, MAX_OPTIONS).map((option) => ({
        text: { type: 'plain_text' as const, text: truncate(option.label, MAX_OPTION_TEXT) },
        value: option.value,
      }));
      const selected = options.find((option) => option.value === initial);
      return {
        type: 'static_select',
        action_id: field.id,
        options,
        ...(selected ? { initial_option: selected } : {}),
      };
    }
  }
}

/** The submitted values of a modal, by field id, whatever input type each field used. */
export function submittedValues(state: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!isRecord(state) || !isRecord(state.values)) return values;
  for (const [blockId, actions] of Object.entries(state.values)) {
    if (!isRecord(actions)) continue;
    for (const element of Object.values(actions)) {
      if (!isRecord(element)) continue;
      const selected = isRecord(element.selected_option)
        ? element.selected_option.value
        : undefined;
      const value = element.value ?? element.selected_date ?? selected;
      if (typeof value === 'string') values[blockId] = value;
    }
  }
  return values;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
