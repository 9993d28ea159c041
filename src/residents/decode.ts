/**
 * Housing organisations send the resident list however their system or Excel saved it: UTF-8
 * with or without a byte-order mark, Excel's "Unicode text" (UTF-16 LE), or the old Windows code
 * page 1252 that Danish Excel still uses for "CSV (semikolonsepareret)". Telling them apart is
 * cheap: a BOM says it outright; bytes that are not valid UTF-8 mean code page 1252.
 */

export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'windows-1252';

// Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, curly quotes, dashes, …). Node's
// TextDecoder('windows-1252') treats that range as Latin-1 control codes, so map it here.
// Undefined positions (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay as they are.
// prettier-ignore
const CP1252_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ',
  0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“',
  0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›',
  0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

export function decodeResidentFile(content: Buffer): { text: string; encoding: DetectedEncoding } {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) {
    return { text: decodeUtf8(content.subarray(3)) ?? '', encoding: 'utf-8' };
  }
  if (content[0] === 0xff && content[1] === 0xfe) {
    return { text: content.subarray(2).toString('utf16le'), encoding: 'utf-16le' };
  }
  const utf8 = decodeUtf8(content);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  const text = content
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (char) => CP1252_HIGH[char.charCodeAt(0)] ?? char);
  return { text, encoding: 'windows-1252' };
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
