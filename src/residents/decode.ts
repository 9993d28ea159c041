/**
 * Housing organisations send the resident list however their system or Excel saved it: UTF-8
 * with or without a byte-order mark, Excel's "Unicode text" (UTF-16 LE), or the old Windows code
 * page 1252 that Danish Excel still uses for "CSV (semikolonsepareret)". Telling them apart is
 * cheap: a BOM says it outright; bytes that are not valid UTF-8 mean code page 1252.
 */

export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'windows-1252';

export function decodeResidentFile(content: Buffer): { text: string; encoding: DetectedEncoding } {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) {
    return { text: decodeUtf8(content.subarray(3)) ?? '', encoding: 'utf-8' };
  }
  if (content[0] === 0xff && content[1] === 0xfe) {
    return { text: content.subarray(2).toString('utf16le'), encoding: 'utf-16le' };
  }
  const utf8 = decodeUtf8(content);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  // Node >= 22 decodes the whole code page, 0x80–0x9F (€, curly quotes, dashes) included.
  return { text: new TextDecoder('windows-1252').decode(content), encoding: 'windows-1252' };
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
