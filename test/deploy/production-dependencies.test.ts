import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedSpecifiers, packageName, sourceFiles } from '../support/source-imports.js';

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

/** Packages a file loads at run time (type-only imports are erased by the build). */
function runtimePackages(code: string): string[] {
  return importedSpecifiers(code, { loadedOnly: true })
    .filter((specifier) => !specifier.startsWith('node:') && !builtinModules.includes(specifier))
    .flatMap((specifier) => packageName(specifier) ?? []);
}

describe('production install', () => {
  it('when the shipped code is read, then every package it loads is a production dependency', () => {
    const shipped = [...buildConfig.include, 'bin'].flatMap((folder) => sourceFiles(root, folder));
    expect(shipped.length).toBeGreaterThan(100);
    const missing = shipped.flatMap((file) =>
      runtimePackages(readFileSync(join(root, file), 'utf8'))
        .filter((name) => !(name in manifest.dependencies))
        .map((name) => `${file} loads ${name}`),
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
