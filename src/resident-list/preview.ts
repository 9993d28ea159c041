import type { NaboDatabase } from '../../models/database.js';
import { flatKey, normaliseName, residentNaturalKey } from '../../models/resident-keys.js';
import type { Resident, ResidentSummary } from '../../models/types.js';
import type { ParsedResidentRow, ResidentFileError } from '../residents/index.js';

/** One household of the list as the coordinator sees it in the preview. */
export interface PreviewRow {
  line: number;
  names: string[];
  address: string;
  unit: string;
}

/** A flat Nabo visited before, now with other names: likely new people, worth a glance. */
export interface NewNameRow extends PreviewRow {
  previousNames: string[];
}

/**
 * The same people at the same flat as a stored household, with another move-in date: a corrected
 * date or a second move-in. Stored as a household of its own, so the coordinator should check it.
 */
export interface NewMoveInDateRow extends PreviewRow {
  /** 'YYYY-MM-DD' on the list. */
  moveInDate: string;
  /** 'YYYY-MM-DD' of the stored household (the latest, if several). */
  previousMoveInDate: string;
}

export interface ListPreview {
  /** Households that will be stored. */
  fresh: PreviewRow[];
  /** Households already known (from an earlier list, or twice in this one): skipped. */
  known: PreviewRow[];
  /** Of `fresh`: flats visited before under other names. */
  newNames: NewNameRow[];
  /** Of `fresh`: the same names at the same flat as a stored household, another move-in date. */
  newMoveInDates: NewMoveInDateRow[];
  errors: ResidentFileError[];
}

/**
 * Sorts the list into what an import would do, without writing anything. A household is "known"
 * when its natural key (area, address, unit, move-in date, names) is stored already — the same
 * test the import's unique index applies — or appeared earlier in the same file.
 *
 * The stored households: every visited one (through visits), every one still waiting for a
 * visit, and every one marked "do not visit" — which is known, never new, so the preview's counts
 * match what the import will store.
 */
export async function previewList(
  db: NaboDatabase,
  areaId: string,
  rows: readonly ParsedResidentRow[],
  errors: readonly ResidentFileError[],
): Promise<ListPreview> {
  const [visits, waiting, doNotVisit] = await Promise.all([
    db.visits.listByArea(areaId),
    db.residents.listUnassigned(areaId),
    db.residents.listDoNotVisit(areaId),
  ]);
  const stored: Array<ResidentSummary | Resident> = [
    ...visits.map((visit) => visit.resident),
    ...waiting,
    ...doNotVisit,
  ];
  const knownKeys = new Set(stored.map((resident) => naturalKeyOf(areaId, resident)));
  const visitedFlats = new Map<string, string[]>();
  for (const visit of visits) {
    const resident = visit.resident;
    visitedFlats.set(flatKey(areaId, resident.address, resident.unit), resident.names);
  }
  /** Flat and names → the latest move-in date stored for them. */
  const storedPeople = new Map<string, string>();
  for (const resident of stored) {
    const key = peopleKey(areaId, resident);
    const date = resident.moveInDate.toISOString().slice(0, 10);
    if ((storedPeople.get(key) ?? '') < date) storedPeople.set(key, date);
  }

  const preview: ListPreview = {
    fresh: [],
    known: [],
    newNames: [],
    newMoveInDates: [],
    errors: [...errors],
  };
  for (const row of rows) {
    const key = residentNaturalKey({ areaId, ...row });
    const shown: PreviewRow = {
      line: row.line,
      names: row.names,
      address: row.address,
      unit: row.unit,
    };
    if (knownKeys.has(key)) {
      preview.known.push(shown);
      continue;
    }
    knownKeys.add(key);
    preview.fresh.push(shown);
    const previousMoveInDate = storedPeople.get(peopleKey(areaId, row));
    if (previousMoveInDate) {
      preview.newMoveInDates.push({ ...shown, moveInDate: row.moveInDate, previousMoveInDate });
      continue;
    }
    const before = visitedFlats.get(flatKey(areaId, row.address, row.unit));
    if (before) preview.newNames.push({ ...shown, previousNames: before });
  }
  return preview;
}

/** One flat and the people on its door sign, whatever the move-in date. */
function peopleKey(
  areaId: string,
  household: { address: string; unit: string; names: readonly string[] },
): string {
  const names = household.names.map(normaliseName).filter((name) => name !== '');
  names.sort();
  return `${flatKey(areaId, household.address, household.unit)}|${names.join(',')}`;
}

function naturalKeyOf(areaId: string, resident: ResidentSummary): string {
  return residentNaturalKey({
    areaId,
    address: resident.address,
    unit: resident.unit,
    moveInDate: resident.moveInDate.toISOString().slice(0, 10),
    names: resident.names,
  });
}
