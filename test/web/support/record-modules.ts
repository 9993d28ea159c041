import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

/**
 * Preloaded into a web child process (`--import`) by the tests, never by Nabo itself: records
 * the URL of every module the process resolves — ESM imports and CommonJS requires alike — and
 * writes them to NABO_TEST_MODULE_LOG (one file per process id) when the process exits.
 */
const log = process.env.NABO_TEST_MODULE_LOG;
if (log) {
  const resolved = new Set<string>();
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const result = nextResolve(specifier, context);
      resolved.add(result.url);
      return result;
    },
  });
  process.on('exit', () => {
    writeFileSync(`${log}.${process.pid}.json`, JSON.stringify([...resolved]));
  });
}
