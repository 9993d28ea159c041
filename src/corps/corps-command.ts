import { foldDiacritics } from '../interpret/normalize.js';
import { DETAIL_START } from './profile-details.js';

/**
 * What a coordinator asks of the corps, read from one chat line:
 * - "ambassadører" / "korps" / "ambassadors" → the list;
 * - "tilføj ambassadør Birgit Sørensen, sprog arabisk, kapacitet 3" / "tilføj @Birgit" → add;
 * - "ret Birgit: kapacitet 3" → edit (without details: the form);
 * - "pause Birgit til 1. februar", "genoptag Birgit" → pause and resume;
 * - "Birgit er stoppet" / "stop Birgit" → leave (the reason is asked with buttons);
 * - "Birgit har skrevet under på papir" / "papiraftale Birgit" → the agreement signed on paper.
 * Only the shape is read here; who Birgit is, and whether the writer may ask, is the flow's part.
 */
export type CorpsCommand =
  | { kind: 'list' }
  | { kind: 'add'; rest: string }
  | { kind: 'edit'; who: string; details: string }
  | { kind: 'pause'; who: string; until: string }
  | { kind: 'resume'; who: string }
  | { kind: 'leave'; who: string }
  | { kind: 'paper'; who: string };

/** "tilføj @Birgit …": the add command whose rest starts with a mention. */
function addingSomeoneMentioned(
  folded: string,
  mentioned: readonly string[],
): RegExpExecArray | null {
  const add = /^(?:tilfoej|tilfoj|add)\s+(.*)$/.exec(folded);
  const rest = add?.[1] ?? '';
  return mentioned.some((text) => text !== '' && rest.startsWith(foldDiacritics(text)))
    ? add
    : null;
}

/** Words after which a text is about the welcome folder, not a person ("fjern kontakt …"). */
const FOLDER_WORDS = /^(?:kontakt|contact|aktivitet|activity|gave|gift|mappe|folder)\b/;
const SELF = /^(?:mig|me|mit|my|myself)$/;

/**
 * `mentioned`: how the people the line mentions read in it ("@birgit", "Birgit Sørensen"), as
 * the platform's adapter found them; "tilføj @Birgit" needs no word "ambassadør".
 */
export function parseCorpsCommand(
  text: string,
  mentioned: readonly string[] = [],
): CorpsCommand | undefined {
  const line = text
    .trim()
    .replace(/^\/nabo\s+/i, '')
    .replace(/[.!?]+$/, '')
    .trim();
  const folded = foldDiacritics(line);

  if (
    /^(?:vis |se |show |list )?(?:(?:alle )?ambassad(?:oe|o)rer(?:ne)?|korps(?:et)?|(?:the )?ambassadors|(?:the )?corps)$/.test(
      folded,
    )
  ) {
    return { kind: 'list' };
  }

  // "tilføj" alone is shared with other features ("tilføj punkt: …"): it needs the word
  // ambassadør or a mention of the person.
  const add =
    /^(?:tilfoej|tilfoj|add|opret)\s+(?:en\s+|an\s+)?(?:ny\s+|new\s+)?(?:(?:nabo)?ambassad(?:oe|o)r(?:en)?|ambassador)(?:\s+(.*))?$/.exec(
      folded,
    ) ?? addingSomeoneMentioned(folded, mentioned);
  if (add) {
    const rest = add[1] ? restAfter(line, folded, add[1]) : '';
    if (!FOLDER_WORDS.test(foldDiacritics(rest))) return { kind: 'add', rest };
  }

  const edit = /^(?:ret|rediger|aendr|aendre|opdater|edit|update|change)\s+(.+)$/.exec(folded);
  if (edit) {
    const rest = restAfter(line, folded, edit[1] ?? '');
    if (FOLDER_WORDS.test(foldDiacritics(rest))) return undefined;
    const [who, details] = splitWho(rest);
    if (who !== '' && !SELF.test(foldDiacritics(who))) return { kind: 'edit', who, details };
  }

  const pause =
    /^(?:pause|paus|saet pause for|pause for)\s+(.+?)\s+(?:til|indtil|until|till|to)\s+(.+)$/.exec(
      folded,
    );
  if (pause) {
    const who = restAfter(line, folded, pause[1] ?? '', pause[2] ?? '');
    if (!SELF.test(foldDiacritics(who)) && !/^(?:d|den)$/.test(foldDiacritics(who))) {
      return { kind: 'pause', who, until: restAfter(line, folded, pause[2] ?? '') };
    }
  }

  const resume = /^(?:genoptag|aktiver|resume|reactivate)\s+(.+)$/.exec(folded);
  if (resume && !SELF.test(resume[1] ?? ''))
    return { kind: 'resume', who: restAfter(line, folded, resume[1] ?? '') };

  const paper =
    /^(?:papiraftale|papir-aftale|aftale paa papir|paper agreement|signed on paper)(?:\s+(?:for|med|with))?\s+(.+)$/.exec(
      folded,
    ) ??
    /^(.+?)\s+(?:har skrevet under paa papir|har underskrevet paa papir|skrev under paa papir|har underskrevet aftalen paa papir|signed on paper|has signed on paper|signed the agreement on paper)$/.exec(
      folded,
    );
  if (paper) {
    const who = restAfter(line, folded, paper[1] ?? '');
    if (!SELF.test(foldDiacritics(who))) return { kind: 'paper', who };
  }

  const leave =
    /^(?:stop|fjern|afmeld|udmeld|remove|offboard)\s+(.+)$/.exec(folded) ??
    /^(.+?)\s+(?:er stoppet|stopper|er flyttet|er fraflyttet|has left|is leaving|left)$/.exec(
      folded,
    );
  if (leave) {
    const who = restAfter(line, folded, leave[1] ?? '');
    if (!FOLDER_WORDS.test(foldDiacritics(who)) && !SELF.test(foldDiacritics(who))) {
      return { kind: 'leave', who };
    }
  }
  return undefined;
}

/**
 * The original spelling of a part found in the folded line. Folding can lengthen the text
 * (æ → ae), so the part is located by counting folded characters from the end.
 */
function restAfter(line: string, folded: string, foldedPart: string, foldedTail = ''): string {
  const tailStart = foldedTail === '' ? folded.length : folded.lastIndexOf(foldedTail);
  const start = folded.lastIndexOf(foldedPart, tailStart);
  if (start < 0) return foldedPart;
  const originalStart = originalOffset(line, start);
  const originalEnd = originalOffset(line, start + foldedPart.length);
  return line.slice(originalStart, originalEnd).trim();
}

/** Where the folded offset lands in the original line. */
function originalOffset(line: string, foldedOffset: number): number {
  let folded = 0;
  for (let index = 0; index < line.length; index++) {
    if (folded >= foldedOffset) return index;
    folded += foldDiacritics(line.charAt(index)).length;
  }
  return line.length;
}

/** "Birgit: kapacitet 3" → ["Birgit", "kapacitet 3"]; "Birgit kapacitet 3" too. */
export function splitWho(rest: string): [string, string] {
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    return [rest.slice(0, colon).trim(), rest.slice(colon + 1).trim()];
  }
  const match = DETAIL_START.exec(rest);
  if (!match) return [rest.trim(), ''];
  return [rest.slice(0, match.index).trim(), rest.slice(match.index).trim()];
}
