/**
 * The note: what is left of the message once the parts that only expressed the outcome, the
 * folder, dates, the household or a correction are taken out, as written (original casing and
 * letters). Runs of leftover words that say nothing by themselves ("men", "desværre", "jeg",
 * "hej") are dropped; connectors at the edges ("og …", "… men") are trimmed.
 */
import type { Analysis } from './analysis.js';
import { FILLER_WORDS, NOTE_EDGE_WORDS } from './lexicon.js';
import { canonicalWords } from './vocabulary.js';

function tokenWords(analysis: Analysis, index: number): readonly string[] {
  const token = analysis.tokens[index];
  if (token === undefined) return [];
  if (token.kind === 'word') return canonicalWords(token.folded);
  return [token.folded];
}

/**
 * Only sentence punctuation ends a stretch of note. Brackets, quotes and symbols stay inside it,
 * so "(tirsdage)" or a pasted `{"$where": …}` is kept as written: notes are stored literally.
 */
const SENTENCE_BREAKS = new Set([',', '.', ';', '!', '?', '–', '—', '-', '…']);
const STUCK = /[^\s\p{L}\p{N},.;!?–—…-]/u;

export function buildNote(analysis: Analysis): string | null {
  const tokens = analysis.tokens;

  const isContent = (i: number): boolean => {
    const token = tokens[i];
    return (
      token !== undefined &&
      (token.kind === 'word' ||
        token.kind === 'number' ||
        token.kind === 'time' ||
        token.kind === 'slashDate')
    );
  };
  const runs: { from: number; to: number }[] = [];
  let from = -1;
  for (let i = 0; i <= tokens.length; i++) {
    const token = tokens[i];
    const breaks =
      token === undefined ||
      analysis.tokenUsed[i] ||
      token.kind === 'emoji' ||
      (token.kind === 'punct' && SENTENCE_BREAKS.has(token.text));
    if (!breaks && isContent(i)) {
      if (from < 0) from = i;
    } else if (breaks && from >= 0) {
      runs.push({ from, to: i });
      from = -1;
    }
  }

  const kept: { from: number; to: number }[] = [];
  for (const run of runs) {
    let { from: a, to: b } = run;
    const isEdge = (i: number): boolean =>
      tokenWords(analysis, i).every((w) => NOTE_EDGE_WORDS.has(w));
    while (a < b && isEdge(a)) a++;
    while (b > a && isEdge(b - 1)) b--;
    // A lone leftover word ("glad", "endnu") is usually the tail of a phrase that was read; a
    // note needs two words of substance, or one inside a longer stretch of text.
    let substance = 0;
    for (let i = a; i < b; i++) {
      const words = tokenWords(analysis, i);
      if (tokens[i]?.kind !== 'word' || !words.every((w) => FILLER_WORDS.has(w))) substance++;
    }
    if (substance >= 2 || (substance === 1 && b - a >= 3)) kept.push({ from: a, to: b });
  }
  if (kept.length === 0) return null;

  const original = analysis.original;
  let note = '';
  let previousEnd = -1;
  for (const run of kept) {
    let last = run.to - 1;
    while (last > run.from && !isContent(last)) last--;
    // Brackets, quotes and symbols stuck to the stretch belong to it: "(tirsdage)", `{"$where"}`.
    let start = tokens[run.from]?.start ?? 0;
    let end = tokens[last]?.end ?? start;
    while (start > 0 && STUCK.test(original.charAt(start - 1))) start--;
    while (end < original.length && STUCK.test(original.charAt(end))) end++;
    if (previousEnd < 0) {
      note = original.slice(start, end);
    } else {
      const gap = original.slice(previousEnd, start);
      // Keep the writer's own punctuation between neighbouring pieces; otherwise separate them.
      note +=
        /^[\s,.;:!?–-]*$/.test(gap) && gap.trim().length > 0
          ? gap + original.slice(start, end)
          : `, ${original.slice(start, end)}`;
    }
    previousEnd = end;
  }
  const cleaned = note
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.;:\-–]+|[\s,;:\-–]+$/g, '')
    .trim();
  return cleaned.length > 0 ? cleaned : null;
}
