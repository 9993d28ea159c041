/**
 * A tiny phrase language over canonical words, compiled to regular expressions.
 *
 * A phrase is a list of slots; each slot lists alternatives separated by `|` (an alternative may
 * be several words: "lukkede op"). A slot ending in `?` is optional, `*` is any one word and `~N`
 * is a gap of up to N words. `notBefore` / `notAfter` list words that must not surround the
 * phrase ("flyttet" but not "flyttet ind"). Phrases never cross punctuation: the canonical text
 * marks it with `#`, which no slot matches, and words already used by another phrase are masked
 * with `~`.
 */

export interface PhraseSpec {
  readonly slots: readonly string[];
  readonly notBefore?: string;
  readonly notAfter?: string;
}

export interface CompiledPhrase {
  readonly regex: RegExp;
  readonly words: readonly string[];
  /**
   * The first words of one slot every match contains, when the phrase has one: a text with none
   * of them cannot match, and is not run through the expression at all (most messages meet only
   * a few of the many phrases).
   */
  readonly needs?: ReadonlySet<string>;
}

/** Any one canonical word that is neither punctuation (`#`) nor masked (`~`). */
const ANY_WORD = '[^ #~]+';

function escapeWord(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternatives(slot: string, words: string[]): string {
  const alts = slot
    .split('|')
    .map((alt) => alt.trim().split(/\s+/).filter(Boolean))
    .filter((alt) => alt.length > 0);
  for (const alt of alts) words.push(...alt);
  // Longer alternatives first so "lukkede op" is preferred over "lukkede".
  alts.sort((a, b) => b.length - a.length);
  return `(?:${alts.map((alt) => alt.map(escapeWord).join(' ')).join('|')})`;
}

export function compilePhrase(spec: PhraseSpec): CompiledPhrase {
  const words: string[] = [];
  let body = '';
  let needs: Set<string> | undefined;
  for (const raw of spec.slots) {
    const slot = raw.trim();
    const gap = /^~(\d)$/.exec(slot);
    if (gap) {
      body += `(?:${ANY_WORD} ){0,${gap[1]}}`;
      continue;
    }
    const optional = slot.endsWith('?');
    const core = optional ? slot.slice(0, -1) : slot;
    if (!optional && core !== '*' && needs === undefined) needs = firstWords(core);
    const unit = core === '*' ? `${ANY_WORD} ` : `${alternatives(core, words)} `;
    body += optional ? `(?:${unit})?` : unit;
  }
  const before = spec.notBefore ? `(?<!(?:^| )${alternatives(spec.notBefore, words)} )` : '';
  const after = spec.notAfter ? `(?!${alternatives(spec.notAfter, words)} )` : '';
  const regex = new RegExp(`(?<=^| )${before}${body}${after}`, 'g');
  return needs && needs.size > 0 ? { regex, words, needs } : { regex, words };
}

/** The first word of each alternative of a slot ("lukkede op|åbnede" → lukkede, åbnede). */
function firstWords(slot: string): Set<string> {
  const first = new Set<string>();
  for (const alt of slot.split('|')) {
    const word = alt.trim().split(/\s+/)[0];
    if (word) first.add(word);
  }
  return first;
}

export function compilePhrases(
  specs: readonly (PhraseSpec | readonly string[])[],
): CompiledPhrase[] {
  return specs.map((spec) => compilePhrase(isSpec(spec) ? spec : { slots: spec }));
}

function isSpec(spec: PhraseSpec | readonly string[]): spec is PhraseSpec {
  return !Array.isArray(spec);
}
