import type { AuditSubjectType } from '../../models/types.js';
import type { ConversationRef, PersonEvent } from './inbound.js';
import type { Turn } from './turn.js';

/**
 * Every refusal leaves one entry in the audit trail: who (the person's id), what (the refusal's
 * action and what was tried: an event kind, a flow or command name), when (the entry's time) and
 * where (platform and conversation key). Never what was written: a refused message may name a
 * resident. The workspace and unknown-person refusals are written by the pipeline itself.
 */
export interface Refusal {
  /** 'chat.not_private_refused', 'chat.area_refused', 'chat.coordinator_only_refused'. */
  action: string;
  subjectType: AuditSubjectType;
  subjectId: string;
  /** What was tried, as a name: 'action:report:outcome', 'meeting:start'. */
  tried: string;
}

export async function auditRefusal(turn: Turn, refusal: Refusal): Promise<void> {
  const conversation: Pick<ConversationRef, 'platform' | 'key'> = turn.event.conversation;
  turn.deps.logger.info(
    { action: refusal.action, tried: refusal.tried, platform: conversation.platform },
    'refused',
  );
  await turn.deps.db.auditEvents.record({
    actorId: turn.person.id,
    action: refusal.action,
    subjectType: refusal.subjectType,
    subjectId: refusal.subjectId,
    platform: conversation.platform,
    details: { tried: refusal.tried, where: conversation.key },
  });
}

/** What an event tried, without its content: the kind, and the flow a button belongs to. */
export function whatWasTried(event: PersonEvent): string {
  switch (event.kind) {
    case 'action':
      return `action:${event.action.flow}:${event.action.step}`;
    case 'form_submit':
      return `form:${event.formId.split(':')[0] ?? ''}`;
    case 'command':
      return `command:${event.name}`;
    default:
      return event.kind;
  }
}
