import type { Person } from '../../models/types.js';
import { sameIdentity } from '../../models/identities.js';
import type { Mention } from '../core/inbound.js';
import { allowedEdits, editDistance } from '../interpret/fuzzy.js';
import { foldDiacritics } from '../interpret/normalize.js';
import { findMention } from './mention.js';

/**
 * Which ambassador a coordinator means by "Birgit", "birgit sørensen", "Birgt" or a mention.
 * A full name beats a first name; a typo is forgiven as in the rest of Nabo. Several people who
 * fit equally well come back together, so the flow can ask with buttons instead of guessing.
 */
export function findAmbassadors(
  who: string,
  people: readonly Person[],
  mentions: readonly Mention[] | undefined,
): Person[] {
  const mentioned = findMention(who, mentions)?.mention;
  if (mentioned) {
    return people.filter((person) =>
      person.identities.some((identity) => sameIdentity(identity, mentioned.identity)),
    );
  }
  const wanted = key(who.replace(/^@/, ''));
  if (wanted === '') return [];

  const scored = people.map((person) => ({ person, score: score(wanted, person.name) }));
  const best = Math.min(...scored.map((entry) => entry.score));
  if (!Number.isFinite(best)) return [];
  return scored.filter((entry) => entry.score === best).map((entry) => entry.person);
}

/** 0 = the full name, 1 = the first name, 2/3 = the same with a typo; Infinity = not them. */
function score(wanted: string, name: string): number {
  const full = key(name);
  const first = full.split(' ')[0] ?? full;
  if (wanted === full) return 0;
  if (wanted === first) return 1;
  if (editDistance(wanted, full, 2) <= allowedEdits(full.length)) return 2;
  if (editDistance(wanted, first, 2) <= allowedEdits(first.length)) return 3;
  return Number.POSITIVE_INFINITY;
}

function key(value: string): string {
  return foldDiacritics(value)
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
