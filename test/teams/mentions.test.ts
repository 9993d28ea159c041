import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { readMentions } from '../../adapters/teams/inbound.js';

const TENANT = '72f988bf-0000-4000-8000-00000000a0b1';

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
    expect(readMentions(message('<at>Nabo</at> mine besøg', [BOT]), TENANT)).toEqual({
      text: 'mine besøg',
      mentions: [],
    });
  });

  it('when a coordinator mentions a colleague, then the core learns who is meant', () => {
    const read = readMentions(
      message('<at>Nabo</at> tilføj ambassadør <at>Birgit</at>', [
        BOT,
        { id: `8:orgid:${BIRGIT_AAD}`, name: 'Birgit' },
      ]),
      TENANT,
    );
    expect(read).toEqual({
      text: 'tilføj ambassadør Birgit',
      mentions: [
        {
          identity: { platform: 'teams', workspaceId: TENANT, userId: BIRGIT_AAD },
          text: 'Birgit',
          label: 'Birgit',
        },
      ],
    });
  });

  it('when a mention carries no directory id, then the text is left as written', () => {
    expect(
      readMentions(message('tilføj <at>Gæst</at>', [{ id: '29:opaque', name: 'Gæst' }]), TENANT),
    ).toEqual({ text: 'tilføj <at>Gæst</at>', mentions: [] });
  });
});
