import { auditResidentRead } from '../../../src/privacy/audit.js';
import { Option, type Command } from 'commander';
import type { NaboDatabase } from '../../../models/database.js';
import type { Area, VisitStatus, VisitWithResident } from '../../../models/types.js';
import { UserError } from '../../../kernel/errors.js';
import type { CliRuntime } from '../runtime.js';

/** A visit as the operator sees it: the visit, its area's key and the ambassador's name. */
export interface VisitListing extends VisitWithResident {
  areaKey: string;
  ambassadorName: string | null;
}

/** `nabo visits list [--area key] [--status open|closed] [--json]` */
export function registerVisitsCommands(program: Command, runtime: CliRuntime): void {
  const visits = program.command('visits').description('Visits to new residents');

  visits
    .command('list')
    .description('List visits, oldest assignment month first')
    .option('--area <key>', 'only this area (default: all areas)')
    .addOption(
      new Option('--status <status>', 'only open or closed visits').choices(['open', 'closed']),
    )
    .option('--json', 'print JSON instead of lines')
    .action(async (options: { area?: string; status?: VisitStatus; json?: boolean }) => {
      const db = await runtime.openDatabase();
      try {
        const areas = await selectAreas(db, options.area);
        const listings: VisitListing[] = [];
        for (const area of areas) {
          listings.push(...(await listArea(db, area, options.status)));
        }
        // An operator's read of residents' data is on their audit trail like a chat read.
        await auditResidentRead(db, {
          platform: 'cli',
          residentIds: listings.map((listing) => listing.residentId),
          action: 'visits.listed',
        });
        if (options.json) {
          runtime.printJson(listings);
          return;
        }
        if (listings.length === 0) {
          runtime.print('No visits.');
          return;
        }
        for (const listing of listings) runtime.print(formatListing(listing));
      } finally {
        await db.close();
      }
    });
}

async function selectAreas(db: NaboDatabase, key: string | undefined): Promise<Area[]> {
  if (key === undefined) return db.areas.list();
  const area = await db.areas.findByKey(key);
  if (!area) throw new UserError('NOT_FOUND', `Unknown area '${key}'`);
  return [area];
}

async function listArea(
  db: NaboDatabase,
  area: Area,
  status: VisitStatus | undefined,
): Promise<VisitListing[]> {
  const visits = await db.visits.listByArea(area.id, status ? { status } : {});
  const names = new Map((await db.people.listByArea(area.id)).map((p) => [p.id, p.name]));
  const listings: VisitListing[] = [];
  for (const visit of visits) {
    // An ambassador who has since lost the role in this area is still named.
    if (!names.has(visit.ambassadorId)) {
      names.set(visit.ambassadorId, (await db.people.findById(visit.ambassadorId))?.name ?? '');
    }
    const ambassadorName = names.get(visit.ambassadorId) || null;
    listings.push({ ...visit, areaKey: area.key, ambassadorName });
  }
  return listings;
}

function formatListing(listing: VisitListing): string {
  const { resident } = listing;
  const door = [resident.address, resident.unit].filter(Boolean).join(', ');
  const attempts = listing.attempts.length;
  const progress =
    attempts === 0
      ? 'no attempts'
      : `${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}, last ${listing.outcome ?? '?'}`;
  const closing = listing.closingReason ? ` (${listing.closingReason})` : '';
  return [
    listing.areaKey,
    listing.assignmentMonth,
    `${listing.status}${closing}`,
    door,
    resident.names.join(' & '),
    `→ ${listing.ambassadorName ?? listing.ambassadorId}`,
    progress,
  ].join('  ');
}
