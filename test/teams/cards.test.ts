import { describe, expect, it } from 'vitest';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  byteSize,
  renderActivities,
  renderActivity,
  renderCard,
} from '../../adapters/teams/cards.js';
import { escapeCardText, neutralise } from '../../adapters/teams/escape.js';
import { fitMessage, splitInTwo } from '../../adapters/teams/split.js';
import type { OutboundMessage } from '../../src/core/outbound.js';
import { asSeen, buttonsOf, visibleText } from './support/cards.js';

const report = (value: string) => ({ flow: 'report', step: 'outcome', value });

describe('Adaptive Card rendering', () => {
  it('when a message has only text, then it goes as plain text without formatting', () => {
    expect(renderActivity({ text: 'Hej Birgit' })).toEqual({
      type: 'message',
      text: 'Hej Birgit',
      textFormat: 'plain',
    });
  });

  it('when a message has sections with buttons, then each section is a container with its own Action.Submit buttons', () => {
    const activity = renderActivity({
      text: 'Du har 1 åbent besøg:',
      sections: [
        {
          text: 'Ove Christensen — Gudrunsvej 10',
          choices: [{ label: 'Mødt', action: report('v1:met'), style: 'primary' }],
        },
      ],
      choices: [{ label: 'Hjælp', action: { flow: 'menu', step: 'open', value: 'help' } }],
    });

    expect(activity.attachments?.[0]?.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    const card = activity.attachments?.[0]?.content as ReturnType<typeof renderCard>;
    expect(card).toMatchObject({
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Du har 1 åbent besøg:', wrap: true },
        {
          type: 'Container',
          items: [
            { type: 'TextBlock', wrap: true },
            {
              type: 'ActionSet',
              actions: [
                {
                  type: 'Action.Submit',
                  title: 'Mødt',
                  style: 'positive',
                  associatedInputs: 'none',
                  data: { nabo: report('v1:met') },
                },
              ],
            },
          ],
        },
      ],
      actions: [
        {
          type: 'Action.Submit',
          title: 'Hjælp',
          data: { nabo: { flow: 'menu', step: 'open', value: 'help' } },
        },
      ],
    });
  });

  it('when a message has several lines, then each line is its own wrapping TextBlock', () => {
    const card = renderCard({
      text: 'første\nanden\n\ntredje',
      choices: [],
      sections: [{ text: 's' }],
    });
    const blocks = card.body.filter((element) => element.type === 'TextBlock');
    expect(blocks.map((block) => [block.text, block.spacing])).toEqual([
      ['første', undefined],
      ['anden', 'None'],
      ['tredje', 'Medium'],
    ]);
    expect(blocks.every((block) => block.wrap === true)).toBe(true);
  });

  it('when a message has a form, then its fields are inputs with a submit that names the form', () => {
    const card = renderCard({
      text: 'Fortæl om besøget',
      form: {
        id: 'report:note',
        title: 'Note',
        submitLabel: 'Gem',
        fields: [
          { id: 'note', label: 'Hvad skete der?', kind: 'multiline', required: true },
          { id: 'when', label: 'Hvornår', kind: 'date', initial: '2026-11-27' },
          { id: 'count', label: 'Antal', kind: 'number' },
          {
            id: 'outcome',
            label: 'Udfald',
            kind: 'select',
            options: [{ label: 'Mødt', value: 'met' }],
          },
        ],
      },
    });
    const form = card.body.at(-1) as { items: Array<Record<string, unknown>> };
    expect(form.items.map((item) => item.type)).toEqual([
      'TextBlock',
      'Input.Text',
      'Input.Date',
      'Input.Number',
      'Input.ChoiceSet',
      'ActionSet',
    ]);
    expect(form.items[1]).toMatchObject({
      id: 'note',
      isMultiline: true,
      isRequired: true,
      label: 'Hvad skete der?',
    });
    expect(form.items[2]).toMatchObject({ id: 'when', value: '2026-11-27' });
    expect(form.items[4]).toMatchObject({ choices: [{ title: 'Mødt', value: 'met' }] });
    expect(form.items[5]).toMatchObject({
      actions: [{ type: 'Action.Submit', title: 'Gem', data: { nabo: { form: 'report:note' } } }],
    });
  });

  it('when an update replaces a card with text only, then it is still a card', () => {
    expect(renderActivity({ text: '✓ Mødt' }, { asCard: true }).attachments).toHaveLength(1);
  });
});

describe('user text cannot become mentions, links or formatting', () => {
  const hostile =
    '<at>Everyone</at> [klik](https://evil.example) **fed** _kursiv_ `kode` ~~streg~~';

  it('when text is escaped for a card, then no tag, link, emphasis or code syntax is left', () => {
    const escaped = escapeCardText(hostile);
    expect(escaped).not.toContain('<at>');
    expect(escaped).not.toContain('](');
    expect(escaped).not.toMatch(/(^|[^\\])[*_`~[\]]/);
    expect(asSeen(escaped)).toBe(hostile);
  });

  it('when a line starts like a markdown list, heading or quote, then it stays text', () => {
    for (const line of ['1. sal', '- punkt', '+ punkt', '# overskrift', '> citat', '12) tolv']) {
      const escaped = escapeCardText(line);
      expect(escaped).toContain('\\');
      expect(asSeen(escaped)).toBe(line);
    }
    expect(escapeCardText('Gudrunsvej 10, 1. th')).toBe('Gudrunsvej 10, 1. th');
  });

  it('when plain text carries tags and links, then they are broken invisibly', () => {
    const neutral = neutralise(hostile);
    expect(neutral).not.toContain('<at>');
    expect(neutral).not.toContain('</at>');
    expect(neutral).not.toContain('](');
    expect(neutral.replace(/\u2060/g, '')).toBe(hostile);
    expect(neutralise('3 < 4 og 5 > 2')).toBe('3 < 4 og 5 > 2');
  });

  it('when a household with a hostile name is rendered with its buttons, then the card shows it verbatim and inert', () => {
    const activity = renderActivity({
      text: 'Hvilken husstand?',
      choices: [{ label: '<at>Everyone</at>, [klik](https://evil.example)', action: report('v1') }],
      sections: [{ text: hostile }],
    });
    const json = JSON.stringify(activity);
    expect(json).not.toContain('<at>');
    expect(json).not.toContain('](');
    expect(visibleText(activity)).toContain(hostile);
    expect(buttonsOf(activity)[0]?.title).toBe('<at>Everyone</at>, [klik](https://evil.example)');
  });
});

describe('splitting long messages', () => {
  const longList = (count: number): OutboundMessage => ({
    text: 'Du har mange åbne besøg:',
    sections: Array.from({ length: count }, (_, index) => ({
      text: `Husstand ${index} — ${'Æblevej '.repeat(20)}${index}`,
      choices: [{ label: 'Mødt', action: report(`v${index}:met`) }],
    })),
    choices: [{ label: 'Hjælp', action: { flow: 'menu', step: 'open', value: 'help' } }],
  });

  it('when a message is larger than the limit, then every part fits and nothing is lost or reordered', () => {
    const activities = renderActivities(longList(120), { maxBytes: 8_000 });

    expect(activities.length).toBeGreaterThan(2);
    for (const activity of activities) expect(byteSize(activity)).toBeLessThanOrEqual(8_000);
    const text = activities.map(visibleText).join('\n');
    expect(text.indexOf('Du har mange åbne besøg')).toBe(0);
    const order = [...text.matchAll(/Husstand (\d+)/g)].map((match) => Number(match[1]));
    expect(order).toEqual(Array.from({ length: 120 }, (_, index) => index));
    // The message's own buttons end up on the last part.
    expect(buttonsOf(activities.at(-1) ?? {}).at(-1)?.title).toBe('Hjælp');
  });

  it('when a message fits, then it is one part', () => {
    expect(renderActivities(longList(3))).toHaveLength(1);
  });

  it('when a single text is far too long, then it is split at line breaks or trimmed, never dropped', () => {
    const text = Array.from({ length: 400 }, (_, index) => `linje ${index} ${'x'.repeat(80)}`).join(
      '\n',
    );
    const parts = fitMessage({ text }, (part) => Buffer.byteLength(part.text) <= 5_000);
    expect(parts.length).toBeGreaterThan(4);
    expect(parts.map((part) => part.text).join('\n')).toBe(text);

    const oneLine = fitMessage({ text: 'y'.repeat(1_000) }, (part) => part.text.length <= 100);
    expect(oneLine).toHaveLength(1);
    expect(oneLine[0]?.text.endsWith('…')).toBe(true);
  });

  it('when a message has nothing to split, then splitInTwo says so', () => {
    expect(splitInTwo({ text: 'kort' })).toBeUndefined();
  });
});
