import type { Choice } from './outbound.js';
import type { Flow } from './flow.js';
import type { Turn } from './turn.js';
import { showMyVisits } from '../visits/my-visits.js';

/**
 * Help, and the shortcut buttons ("Mine besøg", "Hjælp") that do what typing the words would do.
 * One module: the help offers the menu's buttons and the menu's "Hjælp" shows the help.
 */
export const MENU_FLOW = 'menu';

export type MenuTarget = 'help' | 'my_visits';

export function menuChoice(turn: Turn, target: MenuTarget): Choice {
  const label = target === 'help' ? turn.text.helpButton() : turn.text.myVisitsButton();
  return { label, action: { flow: MENU_FLOW, step: 'open', value: target } };
}

export async function showHelp(turn: Turn): Promise<void> {
  await turn.say({ text: turn.text.help(), choices: [menuChoice(turn, 'my_visits')] });
}

/** When the bot cannot tell what someone wants: one question with buttons, never a wall of text. */
export async function askWhatTheyWant(turn: Turn): Promise<void> {
  await turn.say({
    text: turn.text.notUnderstood(),
    choices: [menuChoice(turn, 'my_visits'), menuChoice(turn, 'help')],
  });
}

export const menuFlow: Flow = {
  name: MENU_FLOW,
  async onAction(turn, action) {
    if (action.value === 'my_visits') await showMyVisits(turn);
    else await showHelp(turn);
  },
};
