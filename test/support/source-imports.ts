import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** TypeScript and JavaScript sources under `folder` (relative to `root`), declarations excluded. */
export function sourceFiles(root: string, folder: string): string[] {
  return readdirSync(join(root, folder)).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(root, path);
    return /\.(ts|js|mts|cts)$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Module specifiers a file imports or re-exports, statically or dynamically. With `loadedOnly`,
 * `import type` and `export type` are left out: the compiler erases them, so nothing is loaded.
 */
export function importedSpecifiers(code: string, options: { loadedOnly?: boolean } = {}): string[] {
  const typeOnly = options.loadedOnly ? '(?!type\\b)' : '(?:type\\s+)?';
  const patterns = [
    new RegExp(`\\b(?:import|export)\\s+${typeOnly}(?:[^'"]*?\\sfrom\\s+)?['"]([^'"]+)['"]`, 'g'),
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] ?? ''));
}

/** The npm package a bare specifier names (`@slack/bolt/x` → `@slack/bolt`); undefined for paths. */
export function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  return specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
}
