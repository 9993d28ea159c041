import type { ActionPayload } from '../../src/core/inbound.js';
import type { Choice, OutboundMessage } from '../../src/core/outbound.js';

export interface RenderedMessage {
  lines: string[];
  /** Number typed by the person → the action that button stands for. */
  choicesByNumber: Map<number, ActionPayload>;
}

/**
 * Buttons become numbered options, since a terminal has nothing to tap: typing "2" presses the
 * second button. Numbering runs through the whole message so each number is unambiguous.
 */
export function renderForTerminal(message: OutboundMessage): RenderedMessage {
  const lines = message.text.split('\n');
  const choicesByNumber = new Map<number, ActionPayload>();
  const renderChoices = (choices: readonly Choice[] | undefined, indent: string): void => {
    if (!choices?.length) return;
    const labels = choices.map((choice) => {
      const number = choicesByNumber.size + 1;
      choicesByNumber.set(number, choice.action);
      return `[${number}] ${choice.label}`;
    });
    lines.push(`${indent}${labels.join('  ')}`);
  };
  for (const section of message.sections ?? []) {
    lines.push(`• ${section.text}`);
    renderChoices(section.choices, '    ');
  }
  renderChoices(message.choices, '  ');
  if (message.form) {
    lines.push(
      `(${message.form.title}: ${message.form.fields.map((field) => field.label).join(', ')})`,
    );
  }
  return { lines, choicesByNumber };
}
