import { basename } from 'node:path';
import type { NaboDatabase } from '../../models/database.js';
import type { AuditPlatform, NewResident } from '../../models/types.js';
import { UserError } from '../../kernel/errors.js';
import { logger } from '../../kernel/logger.js';
import {
  parseResidentFile,
  type ParsedResidentRow,
  type ResidentFileError,
} from './parse-resident-file.js';

export interface ResidentImportSummary {
  /** Households stored for the first time. */
  inserted: number;
  /** Households already known from an earlier list (or twice in this one). */
  skipped: number;
  /** Rows that could not be read, with their line in the file. */
  errors: ResidentFileError[];
}

export interface ImportContext {
  /** Who imported, for the audit trail. */
  actorId?: string;
  /** Where the import came from; default 'cli'. */
  platform?: AuditPlatform;
}

/**
 * "Read the monthly list of new residents": every good row becomes a household of the area,
 * households already known are left alone (importing the same file twice stores nothing twice),
 * bad rows come back for the coordinator to fix.
 */
export async function importResidents(
  db: NaboDatabase,
  areaKey: string,
  content: Buffer,
  fileName: string,
  context: ImportContext = {},
): Promise<ResidentImportSummary> {
  const area = await db.areas.findByKey(areaKey);
  if (!area) throw new UserError('NOT_FOUND', `Unknown area '${areaKey}'`);

  const list = basename(fileName);
  const { rows, errors } = parseResidentFile(content, list);
  const { inserted, skippedDuplicates } = await db.residents.importMany(
    area.id,
    rows.map((row) => toNewResident(row, list)),
  );

  await db.auditEvents.record({
    ...(context.actorId !== undefined ? { actorId: context.actorId } : {}),
    action: 'residents.imported',
    subjectType: 'area',
    subjectId: area.id,
    platform: context.platform ?? 'cli',
    details: { inserted, skipped: skippedDuplicates, rowsWithErrors: errors.length },
  });
  // Counts only: names and addresses never go into logs.
  logger().info(
    { areaKey, inserted, skipped: skippedDuplicates, rowsWithErrors: errors.length },
    'resident list imported',
  );
  return { inserted, skipped: skippedDuplicates, errors };
}

/** A parsed row as the store takes it (also used by the chat upload of the monthly list). */
export function toNewResident(row: ParsedResidentRow, list: string): NewResident {
  return {
    names: row.names,
    address: row.address,
    unit: row.unit,
    ...(row.block !== undefined ? { block: row.block } : {}),
    ...(row.stairwell !== undefined ? { stairwell: row.stairwell } : {}),
    moveInDate: row.moveInDate,
    languageHints: row.languageHints,
    source: { list, row: row.line },
    doNotVisit: row.doNotVisit,
  };
}
