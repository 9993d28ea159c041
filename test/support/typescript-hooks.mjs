// Preloaded (`--import`) into the processes the tests start — the CLI, the web process, the
// worker, the trial workers — so that they run Nabo's TypeScript sources as they are, the way
// `--import tsx` does, with the same compiler (esbuild, a dev dependency at tsx's version) and
// the same settings (tsconfig.json's compilerOptions, e.g. verbatimModuleSyntax). tsx's
// hooks run off the main thread and also see every one of the ~1,500 node_modules files a
// process loads: on the 2-core machine that cost each child 1-2 s of its start. These hooks run
// in the thread, only rewrite `./x.js` to `./x.ts` where the .ts exists, and only compile the
// repository's .ts files (cached on disk by content and settings, so a file is compiled once,
// not by every child). node_modules is loaded by Node untouched. Nabo itself never uses this:
// `npm run nabo` runs tsx, the Procfile and `nabo` the compiled dist/.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, enableCompileCache, registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** esbuild (the compiler tsx uses, the same version), loaded on the first file not in the cache. */
let esbuild;
const { compilerOptions } = JSON.parse(
  readFileSync(new URL('../../tsconfig.json', import.meta.url), 'utf8'),
);
const user = process.getuid?.() ?? 'user';
const cacheDir = join(tmpdir(), `nabo-ts-hooks-${user}`);
mkdirSync(cacheDir, { recursive: true });
// V8's code for every module the child loads (mostly node_modules: mongoose, BullMQ, the
// driver), kept on disk by Node between runs: ~15 % less CPU to load the demo's modules here.
enableCompileCache(join(tmpdir(), `nabo-node-compile-cache-${user}`));
// Stack traces name the .ts file and line, as under tsx.
process.setSourceMapsEnabled(true);

const inRepository = (url) => url.startsWith('file:') && !url.includes('/node_modules/');

registerHooks({
  resolve(specifier, context, nextResolve) {
    const parent = context.parentURL;
    if (
      parent !== undefined &&
      inRepository(parent) &&
      parent.endsWith('.ts') &&
      (specifier.startsWith('./') || specifier.startsWith('../')) &&
      specifier.endsWith('.js')
    ) {
      const source = new URL(`${specifier.slice(0, -3)}.ts`, parent);
      if (existsSync(source)) return nextResolve(source.href, context);
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (!url.endsWith('.ts') || !inRepository(url)) return nextLoad(url, context);
    return { format: 'module', source: compiled(fileURLToPath(url)), shortCircuit: true };
  },
});

function compiled(path) {
  const source = readFileSync(path, 'utf8');
  const key = createHash('sha256')
    .update(JSON.stringify(compilerOptions))
    .update('\0')
    .update(path)
    .update('\0')
    .update(source)
    .digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // Not compiled yet.
  }
  esbuild ??= require('esbuild');
  const { code } = esbuild.transformSync(source, {
    loader: 'ts',
    format: 'esm',
    // The Node versions Nabo runs on (package.json engines), whatever tsc emits for dist/.
    target: 'node22',
    sourcemap: 'inline',
    sourcefile: path,
    tsconfigRaw: { compilerOptions },
  });
  // Written aside and renamed: children starting at once never read half a file.
  const partial = `${cached}.${process.pid}`;
  writeFileSync(partial, code);
  renameSync(partial, cached);
  return code;
}
