import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { LIST_LIMITS } from '../../src/resident-list/limits.js';
import { parseList } from '../../src/resident-list/parse-list.js';
import {
  MAX_PARSES_AT_ONCE,
  parseListInWorker,
  type ParseInWorkerOptions,
} from '../../src/resident-list/parse-in-worker.js';
import { xlsxOf, zipBomb } from './support/workbooks.js';

/**
 * Lists are read in a worker thread with a capped heap and a deadline: whatever a file does, the
 * web process's thread and memory stay its own. Counted, never timed: the worker's exit, the
 * bytes inflated, the process's peak memory.
 */
const fixtures = join(import.meta.dirname, '../fixtures');

/** Starts watching workers: how many ended, and the most alive at once. */
function watchWorkers(): ParseInWorkerOptions & { ended: number; mostAlive: number } {
  let alive = 0;
  const watch = {
    ended: 0,
    mostAlive: 0,
    onWorker(worker: Worker) {
      alive += 1;
      watch.mostAlive = Math.max(watch.mostAlive, alive);
      worker.once('exit', () => {
        alive -= 1;
        watch.ended += 1;
      });
    },
  };
  return watch;
}

async function allWorkersEnded(watch: { ended: number }, count: number): Promise<void> {
  while (watch.ended < count) await new Promise((resolve) => setImmediate(resolve));
}

/** Peak resident memory of this process so far, in MB (threads included). */
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

describe('reading a list in a worker thread', () => {
  it('when three 1 MB .xlsx files whose sheets inflate to 1 GB arrive at once, then each is refused at the unpack limit and the process never holds a gigabyte', async () => {
    const bomb = zipBomb(1024, 'small');
    const watch = watchWorkers();
    const before = peakRssMb();

    const errors = await Promise.all(
      [1, 2, 3].map((n) =>
        parseListInWorker(bomb.file, 'xlsx', `bombe-${n}.xlsx`, watch).catch(
          (caught: unknown) => caught,
        ),
      ),
    );

    for (const error of errors) {
      expect(error).toMatchObject({ name: 'LimitExceededError', limit: 'unpacked_bytes' });
      expect((error as { counted: number }).counted).toBeLessThanOrEqual(
        LIST_LIMITS.unpackedBytes + 64 * 1024,
      );
    }
    await allWorkersEnded(watch, 3);
    expect(watch.mostAlive).toBeLessThanOrEqual(MAX_PARSES_AT_ONCE);
    // exceljs held each whole sheet (1.6 GB RSS for one such file, 3.2 GB for three at once);
    // the limits keep the peak far below one of them.
    expect(peakRssMb() - before).toBeLessThan(400);
  });

  it('when a sheet is laid out too large for the worker’s heap, then only the worker is ended, the refusal says so, and the next list is read', async () => {
    // One cell in the sheet's last row and column: a reader laying out the grid needs billions
    // of cells. The cell limit cannot see it before the grid is built; the heap cap does.
    const sparse = xlsxOf({
      sheets: [
        {
          name: 'Liste',
          file: 'sheet1.xml',
          rows:
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Navn</t></is></c></row>' +
            '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        },
      ],
    });
    const watch = watchWorkers();

    await expect(parseListInWorker(sparse, 'xlsx', 'liste.xlsx', watch)).rejects.toMatchObject({
      limit: 'memory',
      max: LIST_LIMITS.workerHeapMb,
    });
    await allWorkersEnded(watch, 1);

    const csv = readFileSync(join(fixtures, 'residents/tilflyttere-2026-11.csv'));
    expect((await parseListInWorker(csv, 'csv', 'liste.csv')).rows.length).toBeGreaterThan(0);
  });

  it('when the deadline passes before the worker answers, then the worker is ended and the refusal names the time limit', async () => {
    const csv = readFileSync(join(fixtures, 'residents/tilflyttere-2026-11.csv'));
    const watch = watchWorkers();

    const refusal = parseListInWorker(csv, 'csv', 'liste.csv', {
      ...watch,
      // The deadline runs out at once, before the thread can have answered.
      startDeadline: (_ms, expire) => {
        queueMicrotask(expire);
        return () => undefined;
      },
    });

    await expect(refusal).rejects.toMatchObject({ limit: 'time', max: LIST_LIMITS.parseMs });
    await allWorkersEnded(watch, 1);
  });

  it('when three lists arrive at once, then at most two workers run and all three are read', async () => {
    const csv = readFileSync(join(fixtures, 'residents/tilflyttere-2026-11.csv'));
    const watch = watchWorkers();

    const results = await Promise.all(
      [1, 2, 3].map((n) => parseListInWorker(csv, 'csv', `liste-${n}.csv`, watch)),
    );

    expect(results.map((parsed) => parsed.rows.length)).toEqual([10, 10, 10]);
    expect(watch.mostAlive).toBeLessThanOrEqual(MAX_PARSES_AT_ONCE);
  });

  it('when a good .xlsx is read in the worker, then the rows are those read in this thread', async () => {
    const file = readFileSync(join(fixtures, 'resident-list/tilflyttere-openpyxl.xlsx'));
    const here = await parseList(file, 'xlsx', 'liste.xlsx', LIST_LIMITS);
    const there = await parseListInWorker(file, 'xlsx', 'liste.xlsx');
    expect(there).toEqual(here);
    expect(there.rows.map((row) => row.names.join(' & '))).toEqual([
      'Ove Christensen & Else Christensen',
      'Maja Holm',
      'Ali Rahimi',
    ]);
  });
});
