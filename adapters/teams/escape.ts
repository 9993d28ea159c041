/**
 * Text the core hands us is plain, and much of it is not ours: household names and notes come
 * from residents' lists and from what ambassadors type. Teams interprets text — HTML-like tags
 * such as `<at>` (mentions), markdown links `[x](y)`, emphasis and lists in Adaptive Card
 * TextBlocks — so every string is made inert before it leaves.
 *
 * Two tools, chosen to be safe whatever a given Teams client does with the text:
 * - a WORD JOINER (U+2060, invisible, not whitespace) after `<` and between `]` and `(`: no HTML
 *   parser reads `<⁠at>` as a tag and no markdown parser reads `]⁠(` as a link, and the person
 *   sees the text unchanged;
 * - CommonMark backslash escapes for the markdown that Adaptive Card TextBlocks render
 *   (emphasis, code, strike-through, lists, headings, quotes).
 */

export const WORD_JOINER = '\u2060';

/** For plain-text messages and button titles: tags and links become inert, nothing visible changes. */
export function neutralise(text: string): string {
  return text.replace(/<(?=[A-Za-z/!?])/g, `<${WORD_JOINER}`).replace(/\]\(/g, `]${WORD_JOINER}(`);
}

/** For Adaptive Card TextBlocks, which render a markdown subset. */
export function escapeCardText(text: string): string {
  return (
    neutralise(text)
      // Inline markdown; the backslash itself first, so the escapes added here stay single.
      .replace(/[\\`*_~[\]]/g, '\\$&')
      // Block markdown at the start of a line: "1. ", "2) ", "- ", "+ ", "# ", "> ".
      .replace(/^(\s*)(\d+)([.)])(?=\s|$)/gm, '$1$2\\$3')
      .replace(/^(\s*)([-+#>])/gm, '$1\\$2')
  );
}
