import type { Flow } from './flow.js';
import { auditRefusal, whatWasTried } from './refusals.js';
import type { Turn } from './turn.js';

/**
 * Buttons and forms answer only in a one-to-one conversation. A button's payload says which
 * visit it is about, and its answer names the household: a payload whose container is a channel
 * or a group chat (a forwarded message, a crafted request) is refused with the same line a
 * mention in a channel gets, and audited. Flows whose buttons name no resident (a meeting run in
 * a team's channel) say so with `answersInGroups`.
 */
export async function refuseWhereNotPrivate(
  turn: Turn,
  flows: ReadonlyMap<string, Flow>,
): Promise<boolean> {
  const event = turn.event;
  if (turn.mayShowPersonalData) return false;
  if (event.kind !== 'action' && event.kind !== 'form_submit') return false;
  const flowName = event.kind === 'action' ? event.action.flow : (event.formId.split(':')[0] ?? '');
  if (flows.get(flowName)?.answersInGroups === true) return false;
  await auditRefusal(turn, {
    action: 'chat.not_private_refused',
    subjectType: 'person',
    subjectId: turn.person.id,
    tried: whatWasTried(event),
  });
  await turn.say(turn.text.privateOnly());
  return true;
}

/**
 * A flow's own refusal to show residents here (a mention in a channel asking for "mine besøg"):
 * the one-line explanation, and one audit entry saying who tried what where.
 */
export async function refuseNotPrivate(
  turn: Turn,
  tried: string,
  reply: string = turn.text.privateOnly(),
): Promise<void> {
  await auditRefusal(turn, {
    action: 'chat.not_private_refused',
    subjectType: 'person',
    subjectId: turn.person.id,
    tried,
  });
  await turn.say(reply);
}
