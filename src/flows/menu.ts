import type { Choice } from '../core/outbound.js';
import type { Flow } from '../core/flow.js';
import type { Turn } from '../core/turn.js';
import { showHelp } from './help.js';
import { showMyVisits } from './my-visits.js';

/** Shortcut buttons ("Mine besøg", "Hjælp") that do what typing the words would do. */
export const MENU_FLOW = 'menu';

export type MenuTarget = 'help' | 'my_visits';

export function menuChoice(turn: Turn, target: MenuTarget): Choice {
  const label = target === 'help' ? turn.text.helpButton() : turn.text.myVisitsButton();
  return { label, action: { flow: MENU_FLOW, step: 'open', value: target } };
}

export const menuFlow: Flow = {
  name: MENU_FLOW,
  async onAction(turn, action) {
    if (action.value === 'my_visits') await showMyVisits(turn);
    else await showHelp(turn);
  },
};
