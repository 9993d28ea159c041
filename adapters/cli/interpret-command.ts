import type { Command } from 'commander';
import { loadConfig } from '../../src/config/config.js';
import { parseNow, processClock } from '../../src/core/clock.js';
import { UserError } from '../../src/errors.js';
import { interpretVisitReport, type VisitReportInterpretation } from '../../src/interpret/index.js';

/** `nabo interpret "<text>"`: how Nabo reads a visit report, for operators and the curious. */
export function registerInterpretCommand(program: Command, print: (line: string) => void): void {
  program
    .command('interpret')
    .description(
      'show how Nabo reads a visit report, e.g. nabo interpret "ikke hjemme, lagde mappen"',
    )
    .argument('<text>', 'what the ambassador wrote')
    .option(
      '--now <iso>',
      'the moment it was written (ISO 8601; without an offset in the estate time zone), for relative dates such as "i morgen"',
    )
    .option('--json', 'print JSON')
    .action((text: string, options: { now?: string; json?: boolean }) => {
      const config = loadConfig();
      const now =
        options.now === undefined
          ? processClock(config.now).now()
          : parseNow(options.now, config.timeZone);
      if (!now) {
        throw new UserError(
          'INVALID_INPUT',
          `--now must be a date and time such as 2026-11-27T10:00, got "${options.now}"`,
        );
      }
      const zone = config.timeZone;
      const result = interpretVisitReport(text, { now, zone });
      if (options.json) print(JSON.stringify(result, null, 2));
      else for (const line of describeInterpretation(result)) print(line);
    });
}

export function describeInterpretation(result: VisitReportInterpretation): string[] {
  const show = (value: unknown): string => (value === null ? '—' : String(value));
  return [
    `outcome:      ${show(result.outcome)}`,
    `folder left:  ${show(result.folderLeft)}`,
    `revisit date: ${show(result.revisitDate)}`,
    `household:    ${show(result.household)}`,
    `note:         ${show(result.note)}`,
  ];
}
