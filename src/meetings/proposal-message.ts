import type { Meeting } from '../../models/types.js';
import type { ActionPayload } from '../core/inbound.js';
import type { OutboundMessage } from '../core/outbound.js';
import { formatDay } from '../i18n/locale.js';
import type { RenderContext } from './agenda-message.js';
import { DEFAULT_TIMEBOX_MINUTES } from './parse-agenda.js';

/** The flow that plans agendas; its buttons (save, proposals, topics) are addressed to it. */
export const MEETING_AGENDA_FLOW = 'meeting-agenda';

function action(step: string, value: string): ActionPayload {
  return { flow: MEETING_AGENDA_FLOW, step, value };
}

/** The coordinator's view of one proposal, with its buttons (also sent by the job). */
export function proposalMessage(
  context: RenderContext,
  meeting: Meeting,
  proposalId: string,
  proposerName: string,
): OutboundMessage {
  const proposal = meeting.proposals.find((entry) => entry.id === proposalId);
  return {
    text: context.text.proposalAnnouncement(
      proposerName,
      proposal?.title ?? '',
      proposal?.timeboxMinutes ?? DEFAULT_TIMEBOX_MINUTES,
      meeting.title,
      formatDay(meeting.startsAt, context.locale, context.zone),
    ),
    choices: [
      {
        label: context.text.approveProposalButton(),
        action: action('proposal', `${meeting.id}:${proposalId}:approve`),
        style: 'primary',
      },
      {
        label: context.text.declineProposalButton(),
        action: action('proposal', `${meeting.id}:${proposalId}:decline`),
      },
    ],
  };
}
