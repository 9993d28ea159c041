/**
 * Reading an uploaded resident list: a 10,000-row CSV (the anchor), the same rows as .xlsx read
 * in the list worker, the same .xlsx read by exceljs on the calling thread (the reader before),
 * and a 1 MB zip bomb whose sheet inflates to 1 GB. Figures are ratios to the anchor from the
 * same run, plus counts: bytes inflated, the process's peak memory growth, and how many event
 * loop turns the calling thread made while the file was read (a blocked loop makes none).
 * Run: npx tsx bench/list-upload.ts
 */
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { LimitExceededError } from '../kernel/errors.js';
import { parseListInWorker } from '../src/resident-list/parse-in-worker.js';
import { zipBomb } from '../test/resident-list/support/workbooks.js';

const ROWS = 10_000;

function csvList(): Buffer {
  const lines = ['Navn;Adresse;Lejlighed;Indflytning;Sprog'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`Person ${i} Hansen;Gudrunsvej ${i};${i % 5}. th;${(i % 28) + 1}-12-2026;da`);
  }
  return Buffer.from(lines.join('\r\n'));
}

async function xlsxList(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tilflyttere');
  sheet.addRow(['Navn', 'Adresse', 'Lejlighed', 'Indflytning', 'Sprog']);
  for (let i = 0; i < ROWS; i++) {
    sheet.addRow([
      `Person ${i} Hansen`,
      `Gudrunsvej ${i}`,
      `${i % 5}. th`,
      new Date(Date.UTC(2026, 11, (i % 28) + 1)),
      'da',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Runs `work`, counting the calling thread's event loop turns meanwhile. */
async function measured<T>(work: () => Promise<T>) {
  let turns = 0;
  let running = true;
  const spin = () => {
    if (!running) return;
    turns += 1;
    setImmediate(spin);
  };
  setImmediate(spin);
  const peakBefore = process.resourceUsage().maxRSS;
  const started = performance.now();
  const result = await work().catch((error: unknown) => error);
  const ms = performance.now() - started;
  running = false;
  const peakGrowthMb = (process.resourceUsage().maxRSS - peakBefore) / 1024;
  return { result, ms, turns, peakGrowthMb };
}

async function main(): Promise<void> {
  const csv = csvList();
  const bomb = zipBomb(1024, 'small');

  // Warm-up: the first worker pays for loading its modules.
  await parseListInWorker(csv, 'csv', 'warm.csv');

  const anchor = await measured(() => parseListInWorker(csv, 'csv', 'liste.csv'));
  // Before exceljs has written the test workbook, so the peak is the bomb's own.
  const refused = await measured(() => parseListInWorker(bomb.file, 'xlsx', 'bombe.xlsx'));
  const xlsx = await xlsxList();
  const inWorker = await measured(() => parseListInWorker(xlsx, 'xlsx', 'liste.xlsx'));
  const before = await measured(async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    return workbook;
  });

  const ratio = (ms: number) => `${(ms / anchor.ms).toFixed(2)}× anchor`;
  const line = (label: string, run: typeof anchor, extra = '') =>
    console.log(
      `${label.padEnd(44)} ${ratio(run.ms).padEnd(14)} loop turns ${String(run.turns).padStart(6)}  peak RSS +${run.peakGrowthMb.toFixed(0)} MB${extra}`,
    );
  console.log(`anchor: ${ROWS.toLocaleString('en')}-row CSV in the list worker = 1.00×`);
  line(`CSV, ${ROWS} rows, list worker (anchor)`, anchor);
  line(`.xlsx, ${ROWS} rows (${(xlsx.length / 1024).toFixed(0)} kB), list worker`, inWorker);
  line(`.xlsx, same file, exceljs on this thread`, before);
  const counted = refused.result instanceof LimitExceededError ? refused.result.counted : undefined;
  line(
    `zip bomb ${(bomb.file.length / 1024 / 1024).toFixed(2)} MB → ${(bomb.sheetBytes / 1024 ** 3).toFixed(2)} GB, list worker`,
    refused,
    `  refused: ${refused.result instanceof LimitExceededError ? refused.result.limit : 'NO'}, inflated ${((counted ?? 0) / 1024 / 1024).toFixed(1)} MB`,
  );
}

await main();
