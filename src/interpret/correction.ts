/**
 * Whether a message amends the previous report: "nej, jeg lagde ikke mappen", "rettelse: …",
 * "sorry I meant …", "actually they were home". A leading "nej"/"no" only counts when it stands
 * apart ("nej, …") or opens a new statement ("nej de var hjemme"); "no answer", "nej tak" and
 * "nobody home" are reports, not corrections.
 */
import type { Analysis } from './analysis.js';
import { CORRECTION_OPENERS, CORRECTION_PHRASES } from './phrases.js';

// Not "naah": folded, the Danish "nåh" ("oh well") is spelt the same and corrects nothing.
const NO_WORDS = new Set(['nej', 'no', 'nope', 'nah']);
const STATEMENT_STARTERS = new Set([
  'jeg',
  'i',
  'de',
  'det',
  'hun',
  'han',
  'der',
  'vi',
  'they',
  'it',
  'she',
  'he',
  'we',
  'there',
  'sorry',
  'undskyld',
  'vent',
  'wait',
  'faktisk',
  'actually',
]);
const GREETINGS = new Set(['hej', 'hi', 'hey', 'hello', 'hallo', 'ups', 'oops']);

export function detectCorrection(analysis: Analysis): boolean {
  let found = false;
  const words = analysis.words;
  let first = analysis.firstWordIndex;
  // Skip a greeting ("hej, nej jeg lagde ikke mappen").
  while (
    first >= 0 &&
    first < words.length &&
    GREETINGS.has(words[first]?.text ?? '') &&
    !CORRECTION_OPENERS.has(words[first]?.text ?? '')
  ) {
    first++;
    while (words[first]?.text === '#') first++;
  }
  const opener = words[first]?.text;
  if (opener !== undefined && first >= 0) {
    const next = words[first + 1]?.text;
    if (
      NO_WORDS.has(opener) &&
      next !== undefined &&
      (next === '#' || STATEMENT_STARTERS.has(next))
    ) {
      analysis.claimGlobally(first, first + 1);
      found = true;
    } else if (CORRECTION_OPENERS.has(opener) && next !== undefined) {
      analysis.claimGlobally(first, first + 1);
      found = true;
    }
  }
  const layer = analysis.layer({ skipQuestions: false });
  for (const phrase of CORRECTION_PHRASES) {
    for (const m of layer.find(phrase)) {
      analysis.claimGlobally(m.start, m.end);
      found = true;
    }
  }
  return found;
}
