import { parentPort } from 'node:worker_threads';
import { describeError, type ListJob, type ListJobResult } from './list-job.js';
import { parseList } from './parse-list.js';

/**
 * Entry point of the thread that reads one uploaded list (started by parse-in-worker.ts). It
 * takes one job, answers once and is then ended by the web process.
 */
const port = parentPort;
if (!port) throw new Error('list-worker.ts runs as a worker thread only');

port.once('message', (job: ListJob) => {
  parseList(job.content, job.format, job.fileName, job.limits).then(
    (parsed) => port.postMessage({ ok: true, parsed } satisfies ListJobResult),
    (error: unknown) =>
      port.postMessage({ ok: false, error: describeError(error) } satisfies ListJobResult),
  );
});
