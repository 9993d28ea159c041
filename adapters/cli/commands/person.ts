import { InvalidArgumentError, Option, type Command } from 'commander';
import { DateTime } from 'luxon';
import type { Locale, NewPerson, PlatformIdentity, Role } from '../../../models/types.js';
import { consoleIdentity } from '../../console/platform.js';
import { slackIdentity } from '../../slack/inbound.js';
import { teamsIdentity } from '../../teams/identity.js';
import { isNaboError, UserError } from '../../../kernel/errors.js';
import type { CliRuntime } from '../runtime.js';

interface AddPersonOptions {
  area: string;
  name: string;
  role: Role;
  languages?: string[];
  block?: string;
  stairwell?: string;
  capacity?: number;
  slack?: PlatformIdentity;
  teams?: PlatformIdentity;
  console?: string;
  identity?: PlatformIdentity[];
  locale?: Locale;
  agreementSigned?: string;
}

/** `nabo person add --area <key> --name <name> --role ambassador|coordinator [...]` */
export function registerPersonCommands(program: Command, runtime: CliRuntime): void {
  const person = program.command('person').description('Ambassadors and coordinators');

  person
    .command('add')
    .description('Add an ambassador or coordinator to an area')
    .requiredOption('--area <key>', 'area key, e.g. gellerup')
    .requiredOption('--name <name>', 'full name')
    .addOption(
      new Option('--role <role>', 'role in the area')
        .choices(['ambassador', 'coordinator'])
        .makeOptionMandatory(),
    )
    .option('--languages <codes>', 'spoken languages, comma-separated ISO codes (da,ar)', splitList)
    .option('--block <block>', 'block (blok) the person covers')
    .option('--stairwell <stairwell>', 'stairwell (opgang) the person covers')
    .option('--capacity <n>', 'households per month (default 4)', parseCapacity)
    .option('--slack <team:user>', 'Slack team id and user id', parseSlack)
    .option('--teams <tenant:aadObjectId>', 'Teams tenant id and AAD object id', parseTeams)
    .option('--console <handle>', 'handle for the terminal demo (--as <handle>)')
    .option(
      '--identity <platform:workspace:user>',
      'an identity on any platform (repeatable), e.g. webhook:acme:u1',
      collectIdentity,
    )
    .addOption(new Option('--locale <locale>', 'language of the bot').choices(['da', 'en']))
    .option(
      '--agreement-signed <date>',
      'the day the volunteer agreement and confidentiality were signed on paper (YYYY-MM-DD): ' +
        'she gets households without confirming in chat first',
      parseDay,
    )
    .action(async (options: AddPersonOptions) => {
      const db = await runtime.openDatabase();
      try {
        const area = await db.areas.findByKey(options.area);
        if (!area) throw new UserError('NOT_FOUND', `Unknown area '${options.area}'`);
        const identities: PlatformIdentity[] = [
          ...(options.slack ? [options.slack] : []),
          ...(options.teams ? [options.teams] : []),
          ...(options.console ? [consoleIdentity(options.console)] : []),
          ...(options.identity ?? []),
        ];
        const signedAt = options.agreementSigned
          ? signedOnPaper(options.agreementSigned, area.timeZone, runtime.now())
          : undefined;
        const input: NewPerson = {
          name: options.name,
          roles: [{ areaId: area.id, role: options.role }],
          identities,
          ...(options.languages ? { languages: options.languages } : {}),
          ...(options.block ? { block: options.block } : {}),
          ...(options.stairwell ? { stairwell: options.stairwell } : {}),
          ...(options.capacity !== undefined ? { monthlyCapacity: options.capacity } : {}),
          ...(options.locale ? { locale: options.locale } : {}),
          // Signed on paper: the same two facts the chat's agreement buttons record.
          ...(signedAt ? { volunteerAgreementAt: signedAt, confidentialityAt: signedAt } : {}),
        };
        const added = await db.people.add(input).catch(rethrowMistakeAsUserError);
        if (signedAt) {
          await db.auditEvents.record({
            action: 'person.agreement_on_paper',
            subjectType: 'person',
            subjectId: added.id,
            platform: 'cli',
            details: { signed: options.agreementSigned ?? '' },
          });
        }
        runtime.print(
          `Added ${added.name} as ${options.role} in ${area.key} (id ${added.id})` +
            (signedAt ? `, agreement signed on paper ${options.agreementSigned}` : ''),
        );
      } finally {
        await db.close();
      }
    });
}

function parseDay(value: string): string {
  const day = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !DateTime.fromISO(day).isValid) {
    throw new InvalidArgumentError('Expected a date as YYYY-MM-DD, e.g. 2026-10-15.');
  }
  return day;
}

/** The start of the signing day in the area's zone; a day still to come is a mistake. */
function signedOnPaper(day: string, zone: string, now: Date): Date {
  const start = DateTime.fromISO(day, { zone }).startOf('day');
  if (start.toJSDate() > now) {
    throw new UserError('INVALID_INPUT', `--agreement-signed ${day} is in the future`);
  }
  return start.toJSDate();
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function parseCapacity(value: string): number {
  const capacity = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(capacity)) {
    throw new InvalidArgumentError('Capacity must be a whole number, e.g. 4.');
  }
  return capacity;
}

function parsePair(value: string, example: string): [string, string] {
  const [first, second, ...rest] = value.split(':');
  if (!first || !second || rest.length > 0) {
    throw new InvalidArgumentError(`Expected two ids separated by ':', e.g. ${example}.`);
  }
  return [first.trim(), second.trim()];
}

function parseSlack(value: string): PlatformIdentity {
  const [teamId, userId] = parsePair(value, 'T012AB3C4:U012AB3CD');
  return slackIdentity(teamId, userId);
}

function parseTeams(value: string): PlatformIdentity {
  const [tenantId, aadObjectId] = parsePair(value, '<tenant-guid>:<aad-object-guid>');
  return teamsIdentity(tenantId, aadObjectId);
}

/** `--identity webhook:acme:u1`: the user id is everything after the second ':'. */
function collectIdentity(value: string, previous: PlatformIdentity[] = []): PlatformIdentity[] {
  const [platform, workspaceId, ...user] = value.split(':');
  const userId = user.join(':');
  if (!platform || !workspaceId || !userId) {
    throw new InvalidArgumentError("Expected platform:workspace:user, e.g. 'webhook:acme:u1'.");
  }
  return [...previous, { platform: platform.trim(), workspaceId: workspaceId.trim(), userId }];
}

/** Identity already taken, bad language code, capacity out of range: the operator's to fix. */
function rethrowMistakeAsUserError(error: unknown): never {
  if (isNaboError(error) && (error.code === 'ALREADY_EXISTS' || error.code === 'INVALID_INPUT')) {
    throw new UserError(error.code, error.message, { cause: error });
  }
  throw error;
}
