import type { Turn } from '../core/turn.js';
import { menuChoice } from './menu.js';

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
