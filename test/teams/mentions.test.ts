import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { withoutBotMention } from '../../adapters/teams/inbound.js';

const BOT = { id: '28:bot-app-id', name: 'Nabo' };
const BIRGIT_AAD = '0f1e2d3c-4b5a-4968-8776-655443322110';

function message(
  text: string,
  mentions: Array<{ id: string; name: string; aadObjectId?: string }>,
) {
  return {
    type: 'message',
    text,
    recipient: BOT,
    entities: mentions.map((mentioned) => ({
      type: 'mention',
      text: `<at>${mentioned.name}</at>`,
      mentioned,
    })),
  } as unknown as Activity;
}

describe('mentions in Teams messages', () => {
  it('when the bot is mentioned, then the mention is not part of what the person asks', () => {
    expect(withoutBotMention(message('<at>Nabo</at> mine besøg', [BOT]))).toBe('mine besøg');
  });

  it('when a coordinator mentions a colleague, then the core learns who is meant', () => {
    const text = withoutBotMention(
      message('<at>Nabo</at> tilføj ambassadør <at>Birgit</at>', [
        BOT,
        { id: `8:orgid:${BIRGIT_AAD}`, name: 'Birgit' },
      ]),
    );
    expect(text).toBe(`tilføj ambassadør <at aad="${BIRGIT_AAD}">Birgit</at>`);
  });

  it('when a mention carries no directory id, then the text is left as written', () => {
    expect(
      withoutBotMention(message('tilføj <at>Gæst</at>', [{ id: '29:opaque', name: 'Gæst' }])),
    ).toBe('tilføj <at>Gæst</at>');
  });
});
