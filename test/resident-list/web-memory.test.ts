import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The spreadsheet reader and its unzip libraries load in the list worker only: the web process
 * does not carry them between uploads. Read from the sources: every module the web process
 * loads at start (static imports, followed from app/web.ts) is listed, and none may import
 * them; the list worker's own graph must, or this test would prove nothing.
 */
const root = resolve(import.meta.dirname, '../..');
const SPREADSHEET_PACKAGES = ['read-excel-file', 'yauzl', 'fflate', 'exceljs'];

/**
 * Specifiers of imports a web process loads when it starts: `import type` is erased; `import()`
 * of a fixed path counts, because app/web.ts loads the app and the configured platforms that way.
 */
function loadedAtStart(code: string): string[] {
  const statements = [
    /\bimport\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?!type\s)[^'"]*?\sfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return statements.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]!));
}

/** Every local file reached from `entry`, and every package any of them imports. */
function graphFrom(entry: string): { files: string[]; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of loadedAtStart(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
        if (existsSync(target)) visit(target);
      } else {
        packages.set(specifier, relative(root, file));
      }
    }
  };
  visit(join(root, entry));
  return { files: [...files].map((file) => relative(root, file)), packages };
}

const packageName = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

describe('memory of the web process', () => {
  it('when the web process starts, then no spreadsheet or unzip library is among the modules it loads', () => {
    const web = graphFrom('app/web.ts');

    expect(web.files).toContain('src/resident-list/read-list-file.ts');
    const loaded = [...web.packages.entries()]
      .filter(([specifier]) => SPREADSHEET_PACKAGES.includes(packageName(specifier)))
      .map(([specifier, file]) => `${file} imports ${specifier}`);
    expect(loaded).toEqual([]);
  });

  it('when the list worker starts, then it is the one that loads the reader', () => {
    const worker = graphFrom('src/resident-list/list-worker.ts');
    const names = [...worker.packages.keys()].map(packageName);
    expect(names).toEqual(expect.arrayContaining(['read-excel-file', 'yauzl', 'fflate']));
  });
});
