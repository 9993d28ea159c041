import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { RUN_TYPESCRIPT } from '../support/child-node.js';

const root = resolve(import.meta.dirname, '../..');
const NOW = '2026-11-30T10:00:00+01:00';

function demo(args: string[], input: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...RUN_TYPESCRIPT, 'app/cli.ts', 'demo', ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', MONGODB_URI: '', NABO_NOW: NOW },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout }));
    child.stdin.end(input);
  });
}

describe('the programme report in the demo', () => {
  it('when Mette writes "rapport", then the terminal prints where the chart was written, and the figures', async () => {
    const run = await demo(['--as', 'Mette'], 'rapport\n');
    expect(run.code).toBe(0);
    const path = /PNG: (\S+\.png)/.exec(run.stdout)?.[1];
    expect(path).toMatch(/nabo-rapport-2025-12-2026-11\.png$/);
    const png = PNG.sync.read(readFileSync(path!));
    expect(png.width).toBeGreaterThan(0);
    expect(png.height).toBeGreaterThan(0);
    expect(run.stdout).toContain('Programrapport for');
    expect(run.stdout).toContain('Ind Bes Mødt');
  }, 90_000);

  it('when Birgit, an ambassador, writes "rapport", then no picture is written', async () => {
    const run = await demo([], 'rapport\n');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('PNG:');
    expect(run.stdout).toContain('koordinatoren');
  }, 90_000);
});
