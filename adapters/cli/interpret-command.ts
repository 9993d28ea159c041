import type { Command } from 'commander';
import { loadConfig } from '../../src/config/config.js';
import { parseNow, processClock } from '../../kernel/clock.js';
import { UserError } from '../../kernel/errors.js';
import {
  interpretVisitReport,
  readVisitReports,
  type HouseholdCandidate,
  type ReadVisitReports,
  type VisitReportInterpretation,
} from '../../src/interpret/index.js';

/**
 * `nabo interpret "<text>"`: how Nabo reads a visit report, for operators and the curious. With
 * `--household "<names>, <address>[, <unit>]"` (once per household) it also shows which of those
 * households the text lands on — or the question Nabo would ask instead.
 */
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
    .option(
      '--household <household>',
      'an open household of the ambassador, "<names>, <address>[, <unit>]", e.g. "Ove og Else Christensen, Gudrunsvej 10, 1. th"; repeat for each',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--json', 'print JSON')
    .action((text: string, options: { now?: string; json?: boolean; household?: string[] }) => {
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
      if (!options.household || options.household.length === 0) {
        const result = interpretVisitReport(text, { now, zone });
        if (options.json) print(JSON.stringify(result, null, 2));
        else for (const line of describeInterpretation(result)) print(line);
        return;
      }
      const households = options.household.map((value, index) =>
        parseHouseholdOption(value, index),
      );
      const read = readVisitReports(text, households, {}, { now, zone });
      if (options.json) print(JSON.stringify(asJson(read, households), null, 2));
      else for (const line of describeHouseholdReading(read, households)) print(line);
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

/**
 * "Ove og Else Christensen, Gudrunsvej 10, 1. th" → names (a surname written once is shared:
 * Ove Christensen, Else Christensen), address and unit. The household's id is its position.
 */
export function parseHouseholdOption(value: string, index: number): HouseholdCandidate {
  const [namesPart = '', address = '', ...unitParts] = value.split(',').map((part) => part.trim());
  if (namesPart === '' || address === '') {
    throw new UserError(
      'INVALID_INPUT',
      `--household needs "<names>, <address>[, <unit>]", e.g. "Ove og Else Christensen, Gudrunsvej 10, 1. th"; got "${value}"`,
    );
  }
  const people = namesPart
    .split(/\s+(?:og|and)\s+|\s*[&+/]\s*/i)
    .map((person) => person.trim())
    .filter((person) => person !== '');
  const surname = people[people.length - 1]?.split(/\s+/).slice(1).join(' ') ?? '';
  const names = people.map((person) =>
    person.includes(' ') || surname === '' ? person : `${person} ${surname}`,
  );
  const unit = unitParts.join(', ');
  return { id: String(index + 1), names, address, unit: unit === '' ? null : unit };
}

/** A household as the operator wrote it after --household. */
function labelOf(id: string, households: readonly HouseholdCandidate[]): string {
  const household = households.find((candidate) => candidate.id === id);
  if (!household) return id;
  return [household.names.join(' / '), household.address, household.unit]
    .filter((part) => part)
    .join(', ');
}

export function describeHouseholdReading(
  read: ReadVisitReports,
  households: readonly HouseholdCandidate[],
): string[] {
  switch (read.kind) {
    case 'ask':
      return [
        `household:    unclear — Nabo asks which one: ${read.ids.map((id) => labelOf(id, households)).join(' | ')}`,
        ...describeInterpretation(read.report).filter((line) => !line.startsWith('household:')),
      ];
    case 'not_on_list':
      return [
        `household:    "${read.written}" is not on the list — Nabo says so and asks which one`,
        ...describeInterpretation(read.report).filter((line) => !line.startsWith('household:')),
      ];
    case 'reports': {
      const because = {
        words: 'named in the text',
        context: 'from the conversation',
        only_household: 'the only open household',
      }[read.because];
      return read.reports.flatMap((part) => [
        `household:    ${part.ids.map((id) => labelOf(id, households)).join(' + ')} (${because})`,
        ...describeInterpretation(part.report).filter((line) => !line.startsWith('household:')),
      ]);
    }
  }
}

function asJson(read: ReadVisitReports, households: readonly HouseholdCandidate[]) {
  switch (read.kind) {
    case 'ask':
      return {
        kind: 'ask',
        households: read.ids.map((id) => labelOf(id, households)),
        report: read.report,
      };
    case 'not_on_list':
      return { kind: 'not_on_list', written: read.written, report: read.report };
    case 'reports':
      return {
        kind: 'reports',
        because: read.because,
        reports: read.reports.map((part) => ({
          households: part.ids.map((id) => labelOf(id, households)),
          ...part.report,
        })),
      };
  }
}
