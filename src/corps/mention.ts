import type { PersonIdentities } from '../../models/types.js';
import type { PlatformIdentity } from '../core/inbound.js';

/**
 * A coordinator names a new ambassador by mentioning them. Slack sends `<@U123|birgit>` or
 * `<@U123>` (the adapter may already have turned it into `@U123`); a Teams mention can arrive as
 * `<at aad="…">Birgit Sørensen</at>`. The identity lives in the coordinator's workspace or tenant.
 */
export interface Mention {
  /** What the mention showed, when it showed a name. */
  label?: string;
  identities: PersonIdentities;
}

const SLACK_TOKEN = /<@([UW][A-Z0-9]{2,})(?:\|([^>]*))?>/;
const SLACK_DECODED = /(?:^|\s)@([UW][A-Z0-9]{6,})(?=\s|$|[,.:;])/;
const TEAMS_TOKEN = /<at(?:\s+aad="([0-9a-fA-F-]{8,})")?\s*>([^<]*)<\/at>/;

export interface FoundMention {
  mention: Mention;
  /** The text without the mention token. */
  rest: string;
}

export function findMention(text: string, coordinator: PlatformIdentity): FoundMention | undefined {
  const slack = SLACK_TOKEN.exec(text) ?? SLACK_DECODED.exec(text);
  if (slack && coordinator.platform === 'slack') {
    const label = slack[2]?.trim();
    return {
      mention: {
        ...(label ? { label } : {}),
        identities: { slack: { teamId: coordinator.teamId, userId: slack[1] ?? '' } },
      },
      rest: collapse(text.replace(slack[0], ' ')),
    };
  }
  const teams = TEAMS_TOKEN.exec(text);
  if (teams) {
    const label = teams[2]?.trim();
    const aad = teams[1];
    const identities: PersonIdentities =
      aad && coordinator.platform === 'teams'
        ? { teams: { tenantId: coordinator.tenantId, aadObjectId: aad } }
        : {};
    return {
      mention: { ...(label ? { label } : {}), identities },
      rest: collapse(text.replace(teams[0], ` ${label ?? ''} `)),
    };
  }
  return undefined;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
