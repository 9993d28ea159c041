import type { Command } from 'commander';
import { parseNow } from '../kernel/clock.js';
import { UserError } from '../kernel/errors.js';
import { loadConfig } from '../src/config/config.js';

/**
 * Declares `nabo demo` and checks what it was given; the demo itself (app/demo.ts: the embedded
 * MongoDB, the jobs, the whole conversation) is loaded only when the command runs, so that
 * `nabo --help`, every other command and a mistyped `--now` answer without loading it.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('talk to Nabo in the terminal as a person of the seeded demo estate')
    .option(
      '--as <name>',
      'who you are: Birgit, Ahmed or Lise (ambassadors), Mette (coordinator)',
      'Birgit',
    )
    .option(
      '--now <iso>',
      'the moment the demo starts, e.g. 2026-12-31T12:00 (estate time) or with an offset',
    )
    .action(async (options: { as: string; now?: string }) => {
      const config = loadConfig();
      const start = demoStart(options.now, config.timeZone, config.environment) ?? config.now;
      const { runDemo } = await import('./demo.js');
      await runDemo(options, config, start);
    });
}

/** `--now` wins over NABO_NOW; like NABO_NOW it is refused in production. */
function demoStart(text: string | undefined, zone: string, environment: string): Date | undefined {
  if (text === undefined) return undefined;
  if (environment === 'production') {
    throw new UserError(
      'INVALID_INPUT',
      '--now fixes the clock for the demo and is refused in production',
    );
  }
  const start = parseNow(text, zone);
  if (!start) {
    throw new UserError(
      'INVALID_INPUT',
      `--now must be a date and time such as 2026-12-31T12:00, got "${text}"`,
    );
  }
  return start;
}
