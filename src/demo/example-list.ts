import { DateTime } from 'luxon';
import type { NaboDatabase } from '../../models/database.js';
import type { ResidentSummary } from '../../models/types.js';
import { householdName } from '../visits/households.js';

/**
 * The demo's stand-in for the housing organisation's monthly list of new residents, written for
 * the demo's own month so that it makes sense on any day: three households moving in this month,
 * one household the estate already has (its row exactly as stored, so the preview calls it known)
 * and one broken row, so every part of the preview has something to show.
 */
export const EXAMPLE_LIST_FILE_NAME = 'tilflyttere-demo.csv';

const HEADER = 'Navn;Adresse;Lejlighed;Opgang;Indflytning;Sprog';

interface Newcomer {
  names: string[];
  address: string;
  unit: string;
  stairwell: string;
  dayOfMonth: number;
  languages: string[];
}

const NEWCOMERS: Newcomer[] = [
  {
    names: ['Ahmad Karimi', 'Leila Karimi'],
    address: 'Gudrunsvej 12',
    unit: '3. th',
    stairwell: '12',
    dayOfMonth: 1,
    languages: ['fa', 'da'],
  },
  {
    names: ['Per Nygaard'],
    address: 'Sigridsvej 3',
    unit: 'st. th',
    stairwell: '3',
    dayOfMonth: 1,
    languages: ['da'],
  },
  {
    names: ['Maja Lund', 'Emil Lund'],
    address: 'Gudrunsvej 10',
    unit: '2. tv',
    stairwell: '10',
    dayOfMonth: 3,
    languages: ['da'],
  },
];

/** The seeded household the list repeats: Ove and Else Christensen (src/demo/seed.ts). */
const ALREADY_KNOWN = { address: 'Gudrunsvej 10', unit: '1. th', surname: 'Christensen' };

/** The list as the demo's coordinator would receive it in the month of `now` (CSV, `;`). */
export async function demoExampleList(
  db: NaboDatabase,
  areaId: string,
  now: Date,
  zone: string,
): Promise<string> {
  const month = DateTime.fromJSDate(now, { zone }).startOf('month');
  const rows = NEWCOMERS.map((household) =>
    row(
      household.names,
      household.address,
      household.unit,
      household.stairwell,
      month.set({ day: household.dayOfMonth }),
      household.languages,
    ),
  );
  const known = await storedHousehold(db, areaId);
  if (known) {
    rows.push(
      row(
        known.names,
        known.address,
        known.unit,
        known.stairwell ?? '',
        // Move-in dates are calendar days stored at UTC midnight.
        DateTime.fromJSDate(known.moveInDate, { zone: 'utc' }),
        known.languageHints,
      ),
    );
  }
  // No address and a day that does not exist: the preview names the line and what is wrong.
  rows.push(`Ukendt;;;;31-02-${month.year};`);
  return `${[HEADER, ...rows].join('\n')}\n`;
}

function row(
  names: readonly string[],
  address: string,
  unit: string,
  stairwell: string,
  moveIn: DateTime,
  languages: readonly string[],
): string {
  return [
    householdName(names, 'da'),
    address,
    unit,
    stairwell,
    moveIn.toFormat('dd-MM-yyyy'),
    languages.join(', '),
  ].join(';');
}

async function storedHousehold(
  db: NaboDatabase,
  areaId: string,
): Promise<ResidentSummary | undefined> {
  const [visits, waiting] = await Promise.all([
    db.visits.listByArea(areaId),
    db.residents.listUnassigned(areaId),
  ]);
  return [...visits.map((visit) => visit.resident), ...waiting].find(
    (resident) =>
      resident.address === ALREADY_KNOWN.address &&
      resident.unit === ALREADY_KNOWN.unit &&
      resident.names.some((name) => name.endsWith(` ${ALREADY_KNOWN.surname}`)),
  );
}
