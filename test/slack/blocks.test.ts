import { describe, expect, it } from 'vitest';
import {
  decodeAction,
  encodeActionId,
  renderHome,
  renderMessage,
  renderModal,
  submittedValues,
} from '../../adapters/slack/blocks.js';
import {
  MAX_BLOCKS_PER_MESSAGE,
  MAX_BLOCKS_PER_VIEW,
  MAX_BUTTON_TEXT,
  MAX_ELEMENTS_PER_ACTIONS_BLOCK,
  MAX_MODAL_TITLE,
  MAX_SECTION_TEXT,
} from '../../adapters/slack/limits.js';
import { decodeSlackText, escapeMrkdwn, withoutMention } from '../../adapters/slack/text.js';
import type { Choice, MessageSection } from '../../src/core/outbound.js';

type AnyBlock = {
  type: string;
  text?: { text: string };
  elements?: Array<{ action_id: string; text: { text: string }; value: string }>;
};

const choice = (label: string, value = 'v'): Choice => ({
  label,
  action: { flow: 'report', step: 'outcome', value },
});

describe('Block Kit rendering', () => {
  it('when text holds Slack control sequences, then they are escaped in sections and in the fallback', () => {
    const [page] = renderMessage({ text: 'Hej <!channel> & <@U123>' });
    expect(page?.text).toBe('Hej &lt;!channel&gt; &amp; &lt;@U123&gt;');
    expect((page?.blocks[0] as AnyBlock).text?.text).toBe(
      'Hej &lt;!channel&gt; &amp; &lt;@U123&gt;',
    );
  });

  it('when a section has buttons, then they follow it in an actions block with unique action ids', () => {
    const [page] = renderMessage({
      text: 'Du har 2 åbne besøg:',
      sections: [
        { text: 'A', choices: [choice('Mødt', 'a:met'), choice('Ikke hjemme', 'a:not_home')] },
        { text: 'B', choices: [choice('Mødt', 'b:met')] },
      ],
    });
    const blocks = page!.blocks as AnyBlock[];
    expect(blocks.map((block) => block.type)).toEqual([
      'section',
      'section',
      'actions',
      'section',
      'actions',
    ]);
    const ids = blocks.flatMap((block) => block.elements ?? []).map((element) => element.action_id);
    expect(ids).toEqual(['report:outcome#0', 'report:outcome#1', 'report:outcome#2']);
    expect(decodeAction(ids[2]!, 'b:met')).toEqual({
      flow: 'report',
      step: 'outcome',
      value: 'b:met',
    });
  });

  it('when there are more than 25 buttons, then they are spread over several actions blocks', () => {
    const choices = Array.from({ length: 30 }, (_, index) =>
      choice(`Valg ${index}`, String(index)),
    );
    const [page] = renderMessage({ text: 'Vælg', choices });
    const actions = (page!.blocks as AnyBlock[]).filter((block) => block.type === 'actions');
    expect(actions.map((block) => block.elements?.length)).toEqual([
      MAX_ELEMENTS_PER_ACTIONS_BLOCK,
      5,
    ]);
  });

  it('when a label is longer than 75 characters, then the button text is cut with an ellipsis', () => {
    const [page] = renderMessage({ text: 'x', choices: [choice('å'.repeat(100))] });
    const label = (page!.blocks as AnyBlock[])[1]?.elements?.[0]?.text.text ?? '';
    expect([...label]).toHaveLength(MAX_BUTTON_TEXT);
    expect(label.endsWith('…')).toBe(true);
  });

  it('when text is longer than 3,000 characters, then it is split over sections of at most 3,000', () => {
    const long = Array.from(
      { length: 200 },
      (_, index) => `Linje ${index} <${'x'.repeat(20)}>`,
    ).join('\n');
    const [page] = renderMessage({ text: long });
    const texts = (page!.blocks as AnyBlock[]).map((block) => block.text?.text ?? '');
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    expect(texts.join('\n')).toBe(escapeMrkdwn(long));
  });

  it('when a list needs more than 50 blocks, then it is paginated without separating a household from its buttons', () => {
    const sections: MessageSection[] = Array.from({ length: 40 }, (_, index) => ({
      text: `Husstand ${index}`,
      choices: [choice('Mødt', `${index}:met`)],
    }));
    const pages = renderMessage({ text: 'Du har 40 åbne besøg:', sections });
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
      expect(page.text.length).toBeGreaterThan(0);
      const types = page.blocks.map((block) => block.type);
      expect(types[0]).toBe('section');
      expect(types.at(-1)).toBe('actions');
    }
    const all = pages
      .flatMap((page) => page.blocks as AnyBlock[])
      .filter((block) => block.type === 'actions');
    expect(all).toHaveLength(40);
    const ids = all.flatMap((block) => block.elements ?? []).map((element) => element.action_id);
    expect(new Set(ids).size).toBe(40);
  });

  it('when the Home would hold more than 100 blocks, then it is cut with a note', () => {
    const sections = Array.from({ length: 80 }, (_, index) => ({
      text: `H ${index}`,
      choices: [choice('Mødt')],
    }));
    const view = renderHome({ text: 'Liste', sections }, 'Der er flere');
    expect(view.type).toBe('home');
    expect(view.blocks).toHaveLength(MAX_BLOCKS_PER_VIEW);
    expect(view.blocks.at(-1)).toMatchObject({ type: 'context' });
  });

  it('when an action id would be longer than 255 characters, then rendering refuses it', () => {
    expect(() => encodeActionId({ flow: 'report', step: 'x'.repeat(300), value: '' }, 0)).toThrow(
      /action_id/,
    );
  });

  it('when a form is rendered, then it is a modal with a short title and one input per field', () => {
    const modal = renderModal(
      {
        id: 'report:note',
        title: 'En meget lang titel på en formular',
        submitLabel: 'Gem',
        fields: [
          { id: 'note', label: 'Note', kind: 'multiline', required: true },
          { id: 'count', label: 'Antal', kind: 'number', initial: '2' },
          { id: 'day', label: 'Dag', kind: 'date', initial: '2026-12-01' },
          {
            id: 'who',
            label: 'Hvem',
            kind: 'select',
            options: [{ label: 'A', value: 'a' }],
            initial: 'a',
          },
        ],
      },
      '{"channel":"D1"}',
      'Luk',
    );
    expect([...modal.title.text].length).toBeLessThanOrEqual(MAX_MODAL_TITLE);
    expect(modal.callback_id).toBe('report:note');
    expect(
      modal.blocks.map((block) => (block as { element: { type: string } }).element.type),
    ).toEqual(['plain_text_input', 'number_input', 'datepicker', 'static_select']);
    expect(
      submittedValues({
        values: {
          note: { note: { type: 'plain_text_input', value: 'hej' } },
          day: { day: { type: 'datepicker', selected_date: '2026-12-01' } },
          who: { who: { type: 'static_select', selected_option: { value: 'a' } } },
        },
      }),
    ).toEqual({ note: 'hej', day: '2026-12-01', who: 'a' });
  });
});

describe('Slack text', () => {
  it('when Slack sends escaped text with links and mentions, then the core gets what the person saw', () => {
    expect(decodeSlackText('mødte dem &amp; &lt;3 <https://x.dk|x.dk> <@U1|birgit> <!here>')).toBe(
      'mødte dem & <3 x.dk @birgit @here',
    );
  });

  it('when the bot is mentioned, then the mention is removed', () => {
    expect(withoutMention('<@U0BOT> mine besøg', 'U0BOT')).toBe('mine besøg');
  });
});
