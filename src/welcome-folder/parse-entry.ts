import type { WelcomeActivity, WelcomeContact } from '../../models/types.js';
import { foldDiacritics } from '../interpret/normalize.js';
import { contactKindOf } from './topics.js';

/**
 * A coordinator keeps the folder one line at a time:
 * - "kontakt: varmemester Jens, 12 34 56 78, hverdage 7-15"
 * - "aktivitet: madklub, torsdag 17:30, fælleshuset"
 * - "gave: gavekort til Kvarterhusets café"
 * - "fjern kontakt varmemester Jens" / "fjern aktivitet madklub"
 * - "velkomstmappe" shows the whole folder (anyone may look).
 */
export type FolderEntry =
  | { kind: 'contact'; contact: WelcomeContact }
  | { kind: 'activity'; activity: WelcomeActivity }
  | { kind: 'gift'; gift: string }
  | { kind: 'remove'; what: 'contact' | 'activity'; name: string }
  | { kind: 'show' };

export function parseFolderEntry(text: string): FolderEntry | undefined {
  const line = text.trim().replace(/^\/nabo\s+/i, '');
  const folded = foldDiacritics(line);
  if (
    /^(?:vis |se |show )?(?:velkomstmappe(?:n)?|mappe(?:n)?|the folder|welcome folder|folder)[.!?]?$/.test(
      folded,
    )
  ) {
    return { kind: 'show' };
  }
  const labelled = /^([\p{L} ]+?)\s*:\s*(.+)$/u.exec(line);
  if (labelled) {
    const label = foldDiacritics(labelled[1] ?? '');
    const body = (labelled[2] ?? '').trim();
    if (/^(?:kontakt|contact|ny kontakt|new contact)$/.test(label)) {
      const contact = parseContact(body);
      return contact ? { kind: 'contact', contact } : undefined;
    }
    if (/^(?:aktivitet|activity|ny aktivitet|new activity)$/.test(label)) {
      const activity = parseActivity(body);
      return activity ? { kind: 'activity', activity } : undefined;
    }
    if (/^(?:gave|velkomstgave|gift|welcome gift)$/.test(label))
      return { kind: 'gift', gift: body };
  }
  const remove =
    /^(?:fjern|slet|remove|delete)\s+(kontakt(?:en)?|contact|aktivitet(?:en)?|activity)\s+(.+)$/.exec(
      folded,
    );
  if (remove) {
    const what = /^(?:kontakt|contact)/.test(remove[1] ?? '') ? 'contact' : 'activity';
    return { kind: 'remove', what, name: originalTail(line, remove[2] ?? '') };
  }
  return undefined;
}

/** The original spelling of the last words of a line whose folded form ends with `foldedTail`. */
function originalTail(line: string, foldedTail: string): string {
  const words = line.split(/\s+/);
  const tailWords = foldedTail.split(/\s+/).length;
  return words.slice(words.length - tailWords).join(' ');
}

const PHONE = /^\+?[\d][\d\s-]{5,}\d$/;

/** "varmemester Jens, 12 34 56 78, hverdage 7-15": who, phone, hours (in any order after who). */
export function parseContact(body: string): WelcomeContact | undefined {
  const parts = body
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const [name, ...rest] = parts;
  if (!name) return undefined;
  const phone = rest.find((part) => PHONE.test(part));
  const hours = rest.filter((part) => part !== phone).join(', ');
  return {
    kind: contactKindOf(name),
    name,
    ...(phone ? { phone } : {}),
    ...(hours ? { hours } : {}),
  };
}

// prettier-ignore
const WEEKDAYS: Record<string, number> = {
  mandag: 1, tirsdag: 2, onsdag: 3, torsdag: 4, fredag: 5, loerdag: 6, soendag: 7,
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7,
  man: 1, tirs: 2, ons: 3, tors: 4, fre: 5, loer: 6, soen: 7,
};

/** "madklub, torsdag 17:30, fælleshuset" / "madklub, hver torsdag kl. 17.30, i fælleshuset". */
export function parseActivity(body: string): WelcomeActivity | undefined {
  const parts = body
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const [name, ...rest] = parts;
  if (!name) return undefined;
  let weekday: number | undefined;
  let time: string | undefined;
  let whenPart: string | undefined;
  for (const part of rest) {
    const folded = foldDiacritics(part);
    const day = folded
      .split(/[^a-z]+/)
      .map((word) => WEEKDAYS[word.replace(/(e|s)$/, '')] ?? WEEKDAYS[word])
      .find((value) => value !== undefined);
    const clock = /(?:kl\.?\s*)?\b(\d{1,2})(?:[:.](\d{2}))?\b/.exec(folded);
    if (day !== undefined || (clock && /kl|[:.]\d{2}/.test(clock[0]))) {
      // "første lørdag", "every other Tuesday": not weekly, so kept as written.
      const irregular =
        /\b(?:foerste|sidste|anden|hver anden|first|last|second|every other)\b/.test(folded);
      if (day !== undefined && !irregular) weekday = day;
      if (clock && (clock[2] !== undefined || /kl/.test(clock[0]))) {
        time = `${(clock[1] ?? '0').padStart(2, '0')}:${clock[2] ?? '00'}`;
      }
      whenPart = part;
      break;
    }
  }
  const place = rest
    .filter((part) => part !== whenPart)
    .join(', ')
    .replace(/^i\s+/i, '');
  const validTime = time && /^([01]\d|2[0-3]):[0-5]\d$/.test(time) ? time : undefined;
  return {
    name,
    ...(weekday !== undefined ? { weekday } : {}),
    ...(validTime ? { time: validTime } : {}),
    ...(place ? { place } : {}),
    ...(weekday === undefined && whenPart ? { when: whenPart } : {}),
  };
}
