import { Worker } from 'node:worker_threads';
import { NaboError } from '../../kernel/errors.js';
import type { ParsedResidentFile } from '../residents/parse-resident-file.js';
import { LIST_LIMITS, listLimitExceeded, type ListLimits } from './limits.js';
import { reviveError, type ListFormat, type ListJob, type ListJobResult } from './list-job.js';

/**
 * Reads an uploaded list in a worker thread, so the web process keeps answering Slack, Teams and
 * /healthz while a large or hostile file is read. The worker gets a capped heap and a deadline;
 * when either runs out the worker is ended, and only it. The spreadsheet reader is loaded in the
 * worker alone, so it costs the web process no memory between uploads.
 */

/** Two lists at once is already unusual; more wait, so three uploads cannot add up their memory. */
export const MAX_PARSES_AT_ONCE = 2;

export interface ParseInWorkerOptions {
  limits?: ListLimits;
  /** Starts the parse deadline; returns its cancel. Tests pass one that expires on their cue. */
  startDeadline?: (ms: number, expire: () => void) => () => void;
  /** Sees each worker thread as it starts, to watch it end (tests, diagnostics). */
  onWorker?: (worker: Worker) => void;
}

let running = 0;
const waiting: Array<() => void> = [];

/** Lists being read right now (for tests and diagnostics). */
export function listParsesRunning(): number {
  return running;
}

export async function parseListInWorker(
  content: Uint8Array,
  format: ListFormat,
  fileName: string,
  options: ParseInWorkerOptions = {},
): Promise<ParsedResidentFile> {
  if (running >= MAX_PARSES_AT_ONCE) await new Promise<void>((go) => waiting.push(go));
  running += 1;
  try {
    return await runWorker(
      { content, format, fileName, limits: options.limits ?? LIST_LIMITS },
      options,
    );
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function runWorker(job: ListJob, options: ParseInWorkerOptions): Promise<ParsedResidentFile> {
  const { limits } = job;
  const worker = startListWorker(limits);
  options.onWorker?.(worker);
  const startDeadline = options.startDeadline ?? startTimer;
  return new Promise<ParsedResidentFile>((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      cancelDeadline();
      // Ended whatever happened: a worker that answered, failed or overran holds nothing we need.
      // The answer waits for the thread to be gone, so the next list's slot frees real memory.
      void worker.terminate().finally(settle);
    };
    const cancelDeadline = startDeadline(limits.parseMs, () =>
      finish(() => reject(listLimitExceeded('time', limits.parseMs))),
    );
    worker.once('message', (result: ListJobResult) =>
      finish(() => (result.ok ? resolve(result.parsed) : reject(reviveError(result.error)))),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? listLimitExceeded('memory', limits.workerHeapMb)
            : new NaboError('INTERNAL', 'The list worker failed', { cause: error }),
        ),
      ),
    );
    worker.once('exit', (exitCode) =>
      finish(() =>
        reject(new NaboError('INTERNAL', `The list worker stopped early (exit ${exitCode})`)),
      ),
    );
    worker.postMessage(job);
  });
}

function startTimer(ms: number, expire: () => void): () => void {
  const timer = setTimeout(expire, ms);
  return () => clearTimeout(timer);
}

/**
 * Compiled, the worker is list-worker.js next to this file. Run from source (tests, the demo
 * under tsx), it is the .ts file: the thread first registers tsx, as the process did.
 */
function startListWorker(limits: ListLimits): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: limits.workerHeapMb };
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./list-worker.js', import.meta.url), { resourceLimits });
  }
  const entry = JSON.stringify(new URL('./list-worker.ts', import.meta.url).href);
  // Resolved here, so the thread finds tsx whatever the working directory.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const bootstrap = `import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}
