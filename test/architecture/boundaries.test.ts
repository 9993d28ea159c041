import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout is the architecture: the platform-neutral core in src/ never reaches into adapters/
 * or a platform SDK, and only models/ knows about mongoose. This test reads the sources, so a
 * forbidden import fails the build the moment it is written.
 */
const root = resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  const absolute = join(root, folder);
  return readdirSync(absolute).flatMap((entry) => {
    const path = join(absolute, entry);
    if (statSync(path).isDirectory()) return sourceFiles(relative(root, path));
    return /\.(ts|js|mts|cts)$/.test(entry) ? [relative(root, path)] : [];
  });
}

/** Every module specifier a file imports, statically or dynamically, or re-exports from. */
export function importedSpecifiers(code: string): string[] {
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[^'"]*?\sfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] ?? ''));
}

function violations(folder: string, isForbidden: (specifier: string, file: string) => boolean) {
  return sourceFiles(folder).flatMap((file) =>
    importedSpecifiers(readFileSync(join(root, file), 'utf8'))
      .filter((specifier) => isForbidden(specifier, file))
      .map((specifier) => `${file} imports ${specifier}`),
  );
}

const reachesAdapters = (specifier: string, file: string): boolean =>
  specifier.startsWith('.') &&
  relative(root, resolve(root, file, '..', specifier)).split(/[\\/]/)[0] === 'adapters';
const isPlatformSdk = (specifier: string): boolean =>
  specifier.startsWith('@slack/') ||
  specifier === 'botbuilder' ||
  specifier.startsWith('botbuilder-') ||
  specifier.startsWith('botframework-');
const isMongoose = (specifier: string): boolean =>
  specifier === 'mongoose' || specifier.startsWith('mongoose/');

describe('architecture boundaries', () => {
  it('when the core in src/ is read, then it imports neither adapters/ nor a platform SDK', () => {
    expect(violations('src', (s, f) => reachesAdapters(s, f) || isPlatformSdk(s))).toEqual([]);
  });

  it('when code outside models/ is read, then none of it imports mongoose', () => {
    const outside = ['src', 'adapters', 'jobs'].flatMap((folder) => violations(folder, isMongoose));
    expect(outside).toEqual([]);
  });

  it('when a forbidden import is written, then the reader sees it', () => {
    // Guards the guard: the scanner must catch each import form, or the tests above prove nothing.
    const code = [
      "import { App } from '@slack/bolt';",
      "import type { Connection } from 'mongoose';",
      "export { x } from '../adapters/slack/index.js';",
      "const m = await import('botbuilder');",
    ].join('\n');
    expect(importedSpecifiers(code)).toEqual([
      '@slack/bolt',
      'mongoose',
      '../adapters/slack/index.js',
      'botbuilder',
    ]);
    expect(reachesAdapters('../../adapters/slack/index.js', 'src/core/bot.ts')).toBe(true);
    expect(reachesAdapters('../outbound.js', 'src/core/bot.ts')).toBe(false);
  });
});
