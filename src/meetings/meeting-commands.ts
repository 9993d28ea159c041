import { parseDuration, splitTrailingDuration } from './duration.js';
import type { MoveTarget } from './agenda.js';

/**
 * The short chat commands around a meeting, in Danish and English. Recognised on the whole
 * message, so "næste" inside a sentence is never a command.
 */
export type MeetingCommand =
  | { kind: 'add_item'; title: string; minutes: number | null }
  | { kind: 'move_item'; item: number; to: MoveTarget }
  | { kind: 'remove_item'; item: number }
  | { kind: 'retime_item'; item: number; minutes: number }
  | { kind: 'show_agenda' }
  | { kind: 'agenda_form' }
  | { kind: 'start' }
  | { kind: 'next' }
  | { kind: 'end' }
  | { kind: 'note'; text: string }
  | { kind: 'action'; text: string }
  | { kind: 'action_done'; number: number };

const ITEM = String.raw`(?:punkt|punktet|pkt\.?|item|topic|emne)`;
const MEETING = String.raw`(?:m[øo]e?de[t]?|moedet|netv(?:æ|ae)rksm(?:ø|oe?)de[t]?|meeting|the meeting)`;

const ADD = new RegExp(
  String.raw`^(?:tilf(?:ø|oe?)j|add|foresl(?:å|aa?)r?|propose|suggest)\s+(?:et\s+|an?\s+)?(?:nyt\s+|new\s+)?${ITEM}\s*(?:[:–—-]\s*|\s+)(.+)$`,
  'isu',
);
const MOVE = new RegExp(
  String.raw`^(?:flyt|move)\s+${ITEM}\s+(\d{1,2})\s+(?:(op|up|opad|frem)|(ned|down|nedad|tilbage)|(?:til|to)\s+(?:${ITEM}\s+|plads\s+|position\s+|nr\.?\s+)?(\d{1,2})|(f(?:ø|oe?)rst|first|to the top|øverst))$`,
  'iu',
);
const REMOVE = new RegExp(
  String.raw`^(?:fjern|slet|remove|delete|drop|stryg)\s+${ITEM}\s+(\d{1,2})$`,
  'iu',
);
const RETIME = new RegExp(
  String.raw`^${ITEM}\s+(\d{1,2})\s*(?:[:=]\s*|(?:til|to|får|gets)\s+|\s)(.+)$`,
  'iu',
);
const SHOW = /^(?:vis\s+|show\s+(?:the\s+)?)?(?:dagsorden(?:en)?|agenda(?:en)?)[.!?]*$/iu;
const FORM = new RegExp(
  String.raw`^(?:ny\s+dagsorden|nyt\s+${MEETING}|new\s+agenda|new\s+meeting|planl(?:æ|ae)g\s+(?:et\s+)?${MEETING}|plan\s+(?:a\s+)?meeting|dagsorden\s+formular|agenda\s+form)[.!]*$`,
  'iu',
);
const START = new RegExp(
  String.raw`^(?:start|begynd|begin|(?:lad\s+os\s+)?starte)\s+(?:p(?:å|aa)\s+)?${MEETING}[.!]*$`,
  'iu',
);
const NEXT = /^(?:n(?:æ|ae)ste|next|videre|n(?:æ|ae)ste\s+punkt|next\s+item|next\s+topic)[.!]*$/iu;
const END = new RegExp(
  String.raw`^(?:slut|afslut|stop|end|finish|close)\s+(?:p(?:å|aa)\s+)?${MEETING}[.!]*$|^(?:m(?:ø|oe?)det\s+er\s+slut)[.!]*$`,
  'iu',
);
const NOTE = /^(?:note|notat|noter|referat|minutes)\s*:\s*([\s\S]+)$/iu;
const ACTION = /^(?:aktion|action|handling|opgave|todo|to-do|action item)\s*:\s*([\s\S]+)$/iu;
const ACTION_DONE =
  /^(?:aktion|action|opgave)\s+(\d{1,2})\s+(?:er\s+|is\s+)?(?:klar|f(?:æ|ae)rdig|done|ok|l(?:ø|oe?)st|finished|completed)[.!]*$/iu;

export function recognizeMeetingCommand(text: string): MeetingCommand | null {
  const trimmed = text.trim().replace(/\s+/g, (space) => (space.includes('\n') ? '\n' : ' '));
  if (trimmed === '' || trimmed.length > 2000) return null;
  const oneLine = trimmed.replace(/\n/g, ' ');

  const note = NOTE.exec(trimmed);
  if (note?.[1]) return { kind: 'note', text: note[1].trim() };
  const actionDone = ACTION_DONE.exec(oneLine);
  if (actionDone) return { kind: 'action_done', number: Number(actionDone[1]) };
  const action = ACTION.exec(trimmed);
  if (action?.[1]) return { kind: 'action', text: action[1].trim() };

  const add = ADD.exec(oneLine);
  if (add?.[1]) {
    const timed = splitTrailingDuration(add[1]);
    return timed && timed.rest !== ''
      ? { kind: 'add_item', title: timed.rest, minutes: timed.minutes }
      : { kind: 'add_item', title: add[1].trim(), minutes: null };
  }
  const move = MOVE.exec(oneLine);
  if (move) {
    const item = Number(move[1]);
    const to: MoveTarget = move[2] ? 'up' : move[3] ? 'down' : move[5] ? 1 : Number(move[4]);
    return { kind: 'move_item', item, to };
  }
  const remove = REMOVE.exec(oneLine);
  if (remove) return { kind: 'remove_item', item: Number(remove[1]) };
  const retime = RETIME.exec(oneLine);
  if (retime?.[2]) {
    const minutes = parseDuration(retime[2]);
    if (minutes !== null) return { kind: 'retime_item', item: Number(retime[1]), minutes };
  }
  if (SHOW.test(oneLine)) return { kind: 'show_agenda' };
  if (FORM.test(oneLine)) return { kind: 'agenda_form' };
  if (START.test(oneLine)) return { kind: 'start' };
  if (NEXT.test(oneLine)) return { kind: 'next' };
  if (END.test(oneLine)) return { kind: 'end' };
  return null;
}
