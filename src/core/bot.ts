import type { Person } from '../../models/types.js';
import { askWhatTheyWant, showHelp } from './help.js';
import { askToPause, askToSetCapacity, resume, switchLanguage } from '../corps/availability.js';
import { showMyVisits } from '../visits/my-visits.js';
import { reportInOwnWords, undoLastReport } from '../visits/report-visit.js';
import type { Flow } from './flow.js';
import type { Turn } from './turn.js';
import { intentOf } from './turn-intent.js';

/**
 * The conversation: which flow answers a turn. A question a flow asked earlier gets the answer
 * first; then feature flows claim their own commands; then Nabo's general intents (help, my
 * visits, a visit report in the ambassador's own words, undo, availability, language). The
 * inbound pipeline (pipeline.ts) has found the person and their language before this runs.
 */
export function createDispatcher(flows: readonly Flow[]): (turn: Turn) => Promise<void> {
  const flowsByName = new Map(flows.map((flow) => [flow.name, flow]));

  async function handleText(turn: Turn, text: string): Promise<void> {
    const pending = turn.held.state;
    const pendingFlow = pending ? flowsByName.get(pending.flow) : undefined;
    if (pending && pendingFlow?.onReply && (await pendingFlow.onReply(turn, text, pending))) return;

    for (const flow of flows) {
      if (flow.onMessage && (await flow.onMessage(turn, text))) return;
    }

    const intent = intentOf(turn, text);
    switch (intent.kind) {
      case 'help':
        return showHelp(turn);
      case 'my_visits':
        return showMyVisits(turn);
      case 'visit_report':
        return reportInOwnWords(turn, intent.report);
      case 'undo':
        return undoLastReport(turn);
      case 'pause':
        return askToPause(turn, intent.until);
      case 'resume':
        return resume(turn);
      case 'capacity':
        return askToSetCapacity(turn, intent.perMonth);
      case 'language':
        return switchLanguage(turn, intent.locale);
      case 'greeting':
        await turn.say(turn.text.greeting(firstName(turn.person)));
        return;
      case 'thanks':
        await turn.say(turn.text.thanks());
        return;
      default:
        return askWhatTheyWant(turn);
    }
  }

  async function dispatch(turn: Turn): Promise<void> {
    const event = turn.event;
    switch (event.kind) {
      case 'message':
        return handleText(turn, event.text);
      case 'command':
        // "/nabo besøg" means the same as writing "besøg"; a bare "/nabo" asks for help.
        return event.text.trim() === '' ? showHelp(turn) : handleText(turn, event.text);
      case 'action': {
        const flow = flowsByName.get(event.action.flow);
        if (flow?.onAction) return flow.onAction(turn, event.action, event.source);
        return askWhatTheyWant(turn);
      }
      case 'form_submit': {
        const flow = flowsByName.get(event.formId.split(':')[0] ?? '');
        if (flow?.onForm) return flow.onForm(turn, event.formId, event.values, event.source);
        return askWhatTheyWant(turn);
      }
      case 'home_opened':
        return showMyVisits(turn);
      case 'file': {
        const file = turn.received(event.file);
        for (const flow of flows) {
          if (flow.onFile && (await flow.onFile(turn, file))) return;
        }
        await turn.say(turn.text.fileNotExpected());
        return;
      }
    }
  }

  return dispatch;
}

function firstName(person: Person): string {
  return person.name.split(/\s+/)[0] ?? person.name;
}
