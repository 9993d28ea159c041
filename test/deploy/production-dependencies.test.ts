import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A production install (`npm ci --omit=dev`) has only `dependencies`. Code that ships — what the
 * build compiles, and bin/ — must not load a dev dependency at run time, or the web process,
 * the worker or the CLI would stop with "Cannot find package" on a server.
 */
const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const buildConfig = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as {
  include: string[];
};

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder)).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mts|cts)$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

/** Packages a file loads at run time: `import type` and `export type` are erased by the build. */
function runtimePackages(code: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns
    .flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] ?? ''))
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
    .filter((specifier) => !builtinModules.includes(specifier))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

describe('production install', () => {
  it('when the shipped code is read, then every package it loads is a production dependency', () => {
    const shipped = [...buildConfig.include, 'bin'].flatMap(sourceFiles);
    expect(shipped.length).toBeGreaterThan(100);
    const missing = shipped.flatMap((file) =>
      runtimePackages(readFileSync(join(root, file), 'utf8'))
        .filter((name) => !(name in manifest.dependencies))
        .map((name) => `${relative(root, join(root, file))} loads ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('when npm ci --omit=dev runs prepare, then the compiler it calls is a production dependency', () => {
    expect(manifest.scripts.prepare).toBe('npm run build');
    expect(manifest.scripts.build).toMatch(/^tsc /);
    expect(manifest.dependencies).toHaveProperty('typescript');
    // The build type-checks against Node's, Express's and luxon's declarations.
    for (const types of ['@types/node', '@types/express', '@types/luxon']) {
      expect(manifest.dependencies).toHaveProperty(types);
    }
  });

  it('when an import is written, then the reader tells loaded packages from erased types', () => {
    // Guards the guard: each import form must be seen, or the test above proves nothing.
    const code = [
      "import { Queue } from 'bullmq';",
      "import type { Db } from 'mongodb';",
      "import {\n  type Request,\n  Router,\n} from 'express';",
      "export { App } from '@slack/bolt';",
      "export type { Activity } from 'botbuilder';",
      "import { parse } from 'csv-parse/sync';",
      "const nock = await import('nock');",
      "import 'dotenv/config';",
      "import { readFile } from 'node:fs/promises';",
      "import { join } from 'path';",
      "import { x } from '../models/types.js';",
    ].join('\n');
    expect(runtimePackages(code)).toEqual([
      'bullmq',
      'express',
      '@slack/bolt',
      'csv-parse',
      'dotenv',
      'nock',
    ]);
  });
});
