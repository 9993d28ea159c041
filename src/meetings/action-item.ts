import { calendarDateToUtc } from '../../models/calendar-date.js';
import type { ActionItem } from '../../models/types.js';
import { Analysis } from '../interpret/analysis.js';
import { findDates } from '../interpret/date-expression.js';
import { foldDiacritics } from '../interpret/normalize.js';

/**
 * "aktion: Birgit ringer til varmemesteren – fredag": what is to be done, by whom, and by when.
 * The owner is a person of the area named first; the due date is the date after the last dash
 * or comma ("– fredag", ", senest 12/12", "- by Friday"). Whatever is not understood stays in the
 * text, so nothing the coordinator wrote is lost.
 */
export interface ActionItemContext {
  now: Date;
  zone: string;
  /** The area's people, to find the owner by first name (or full name). */
  people: ReadonlyArray<{ id: string; name: string }>;
}

export function parseActionItem(text: string, context: ActionItemContext): ActionItem {
  let rest = text.trim();
  let due: Date | undefined;
  const tail =
    /\s*(?:[–—-]|,)\s*((?:senest|inden|frist|by|due|before|deadline)?[^–—,-]{1,40})$/iu.exec(rest);
  if (tail?.[1]) {
    const dates = findDates(new Analysis(tail[1]), { now: context.now, zone: context.zone });
    const date = dates.find((finding) => finding.date !== null)?.date;
    if (date) {
      due = calendarDateToUtc(date);
      rest = rest.slice(0, tail.index).trim();
    }
  }
  const owner = findOwner(rest, context.people);
  return {
    text: rest,
    ...(owner ? { owner: owner.id } : {}),
    ...(due ? { due } : {}),
    done: false,
  };
}

function findOwner(
  text: string,
  people: ReadonlyArray<{ id: string; name: string }>,
): { id: string } | undefined {
  const folded = foldDiacritics(text);
  // The full name first, so "Birgit Holm" wins over another Birgit.
  const byFullName = people.find((person) => folded.startsWith(foldDiacritics(person.name)));
  if (byFullName) return byFullName;
  const firstWord = folded.split(/[^\p{L}\p{N}-]+/u)[0] ?? '';
  const matches = people.filter(
    (person) => foldDiacritics(person.name.split(/\s+/)[0] ?? '') === firstWord,
  );
  // Two people with that first name: better no owner than the wrong one.
  return matches.length === 1 ? matches[0] : undefined;
}
