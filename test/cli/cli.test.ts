import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_TYPESCRIPT } from '../support/child-node.js';

/**
 * The `nabo` command as an operator or a newcomer runs it: a real process, real standard input
 * and output, real exit codes.
 */
const root = resolve(import.meta.dirname, '../..');

/** Every run's "now" (NABO_NOW): the demo estate, its list and every date follow it, not the day the suite runs. */
const NOW = '2026-11-30T10:00:00+01:00';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function nabo(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...RUN_TYPESCRIPT, 'app/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', MONGODB_URI: '', NABO_NOW: NOW, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

describe('nabo demo', () => {
  it('when a script is piped in, then the seeded estate answers line by line and the demo ends with the input', async () => {
    const run = await nabo(['demo'], { input: 'hjælp\nmine besøg\n' });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('You are Birgit Sørensen (ambassador)');
    expect(run.stdout).toContain('Birgit> hjælp');
    expect(run.stdout).toContain('Jeg holder styr på dine velkomstbesøg');
    expect(run.stdout).toContain('Du har 4 åbne besøg');
    expect(run.stdout).toContain('Ove og Else Christensen — Gudrunsvej 10, 1. th');
    expect(run.stdout).toMatch(/\[1\] Mødt/);
  }, 60_000);

  it("when the demo starts, then the month's hand-out arrives for Birgit and a summary for the coordinator", async () => {
    const run = await nabo(['demo'], { input: '' });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Du har fået 4 nye husstande at byde velkommen');
    expect(run.stdout).toMatch(/📨 Mette: .*9 husstande er fordelt/);
  }, 60_000);

  it('when Birgit reports nobody home and jumps ahead, then the revisit reminder arrives with its buttons', async () => {
    const run = await nabo(['demo'], {
      input: 'ikke hjemme hos Christensen, lagde mappen i postkassen\n/spol\n',
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Ove og Else Christensen var ikke hjemme');
    expect(run.stdout).toContain('Tid til et nyt forsøg hos Ove og Else Christensen');
    expect(run.stdout).toContain('Mind mig om 2 dage');
  }, 60_000);

  it("when Mette adds an ambassador, imports the month's list from a path and runs a meeting, then each step answers", async () => {
    const run = await nabo(['demo', '--as', 'Mette'], {
      input: [
        'tilføj ambassadør Hanne Larsen, sprog dansk, opgang 5, kapacitet 2',
        'importer docs/examples/tilflyttere-demo.csv',
        '1',
        'Netværksmøde 12/12 kl 17: Velkommen 5 min; Erfaringer fra besøg 20 min; Evt. 10 min',
        '1',
        'start møde',
        'aktion: Birgit ringer til varmemesteren – fredag',
        'slut møde',
        '',
      ].join('\n'),
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `This month's list from the housing organisation: write "importer docs/examples/tilflyttere-demo.csv"`,
    );
    expect(run.stdout).toContain('Hanne Larsen');
    expect(run.stdout).toContain('linje 6: mangler adresse');
    expect(run.stdout).toContain('3 husstande er gemt, 1 husstand var der i forvejen');
    expect(run.stdout).toContain('17:00–17:35, 35 min');
    expect(run.stdout).toContain('Punkt 1/3: Velkommen — 5 min');
    expect(run.stdout).toContain('Birgit ringer til varmemesteren');
    expect(run.stdout).toContain('I alt: planlagt 35 min');
  }, 90_000);

  it("when the demo starts in the night the clocks change (--now), then the hand-out and the month's list are that month's", async () => {
    const run = await nabo(['demo', '--as', 'Mette', '--now', '2027-03-28T03:10'], {
      input: 'importer docs/examples/tilflyttere-demo.csv\n1\n',
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Fordeling for Solbakken, marts 2027: 9 husstande er fordelt');
    expect(run.stdout).toContain('linje 4: Maja og Emil Lund, Gudrunsvej 10, 2. tv');
    expect(run.stdout).toMatch(/Kendes allerede[^\n]*\n• linje 5: Ove og Else Christensen/);
    expect(run.stdout).toContain("ugyldig dato '31-02-2027'");
    expect(run.stdout).toContain('3 husstande er gemt, 1 husstand var der i forvejen');
    const list = readFileSync(resolve(root, 'docs/examples/tilflyttere-demo.csv'), 'utf8');
    expect(list).toContain('Maja og Emil Lund;Gudrunsvej 10;2. tv;10;03-03-2027;da');
    // The seeded Christensens moved in nine days before the demo's "now".
    expect(list).toContain('Ove og Else Christensen;Gudrunsvej 10;1. th;10;19-03-2027;da');
  }, 90_000);

  it('when --now is not a date, then the demo stops with one line', async () => {
    const run = await nabo(['demo', '--now', 'i morgen']);

    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      '--now must be a date and time such as 2026-12-31T12:00, got "i morgen"',
    );
  }, 60_000);

  it('when NABO_NOW is set in production, then the process refuses to start with one line', async () => {
    const run = await nabo(['demo'], {
      env: { NODE_ENV: 'production', MONGODB_URI: 'mongodb://127.0.0.1:1/nabo' },
    });

    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'Configuration error: NABO_NOW fixes the clock for tests and the demo and is refused in production',
    );
  }, 60_000);

  it('when Birgit asks for the caretaker and her check-in comes, then she gets the number and the first question', async () => {
    const run = await nabo(['demo'], { input: 'varmemesterens nummer?\n/samtale\n4\n' });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Varmemester Jens: 12 34 56 78');
    expect(run.stdout).toContain('Hvordan går det? Tryk 1 (skidt) til 5 (rigtig godt).');
    expect(run.stdout).toContain('Hvad er gået godt siden sidst?');
  }, 90_000);

  it('when numbers are typed after the list, then those buttons are pressed, one after the other', async () => {
    const run = await nabo(['demo'], { input: 'mine besøg\n2\n6\n' });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Sara Holm og Mikkel Berg var ikke hjemme, og mappen ligger i postkassen',
    );
    expect(run.stdout).toContain('du mødte Ove og Else Christensen');
    // The list is not printed again: only the answered household's new line.
    expect(run.stdout.match(/Du har 4 åbne besøg/g)).toHaveLength(1);
  }, 60_000);

  it('when the demo is asked for someone who is not there, then one line says who is', async () => {
    const run = await nabo(['demo', '--as', 'Zorro']);

    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'There is nobody called "Zorro" in the demo. Try --as Birgit, Ahmed, Lise or Mette.',
    );
  }, 60_000);

  it('when Redis does not answer, then one clear line says how to get one', async () => {
    const run = await nabo(['demo'], { env: { REDIS_URL: 'redis://127.0.0.1:1' } });

    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('Nabo needs Redis at redis://127.0.0.1:1');
    expect(run.stderr).toContain('apt-get install redis-server');
  }, 60_000);
});

describe('nabo interpret', () => {
  it('when a report is given with --json, then its reading is printed as JSON', async () => {
    const run = await nabo([
      'interpret',
      'var hjemme men havde ikke tid, kommer igen onsdag',
      '--now',
      '2026-11-27T10:00:00+01:00',
      '--json',
    ]);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      outcome: 'postponed',
      revisitDate: '2026-12-02',
    });
  }, 60_000);

  it('when households are given with --household, then it shows which one the text lands on, or the question', async () => {
    const households = [
      '--household',
      'Ove og Else Christensen, Gudrunsvej 10, 1. th',
      '--household',
      'Jonas Madsen, Gudrunsvej 10, 3. tv',
      '--household',
      'Sara Holm / Mikkel Berg, Gudrunsvej 14, 2. th',
    ];
    // Four separate runs, side by side: each is a whole CLI start.
    const [named, unclear, stranger, incomplete] = await Promise.all([
      nabo(['interpret', 'mikkel sagde nej tak', ...households]),
      nabo(['interpret', 'nr 10 ikke hjemme', ...households, '--json']),
      nabo(['interpret', 'ikke hjemme hos Jens Christensen', ...households]),
      nabo(['interpret', 'mødte dem', '--household', 'Ove']),
    ]);
    expect(named.code).toBe(0);
    expect(named.stdout).toContain(
      'household:    Sara Holm / Mikkel Berg, Gudrunsvej 14, 2. th (named in the text)',
    );
    expect(named.stdout).toContain('outcome:      declined');

    expect(JSON.parse(unclear.stdout)).toMatchObject({
      kind: 'ask',
      households: [
        'Ove Christensen / Else Christensen, Gudrunsvej 10, 1. th',
        'Jonas Madsen, Gudrunsvej 10, 3. tv',
      ],
      report: { outcome: 'not_home' },
    });

    expect(stranger.stdout).toContain('"Jens Christensen" is not on the list');

    expect(incomplete.code).toBe(1);
    expect(incomplete.stderr).toContain('--household needs "<names>, <address>[, <unit>]"');
  }, 60_000);

  it('when --now is not a date, then it exits 1 with one line', async () => {
    const run = await nabo(['interpret', 'mødte dem', '--now', 'yesterday']);

    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toContain('--now must be a date and time');
  }, 60_000);
});

describe('configuration and usage errors', () => {
  it('when the configuration is invalid, then the command stops with one line naming the variable', async () => {
    const run = await nabo(['interpret', 'mødte dem'], { env: { NABO_LOCALE: 'sv' } });

    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('Configuration error: NABO_LOCALE must be da or en');
  }, 60_000);

  it('when an unknown command is given, then it exits 1', async () => {
    const run = await nabo(['frobnicate']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  }, 60_000);
});
