import type { NaboDatabase } from '../../models/database.js';
import type { Area, AuditPlatform } from '../../models/types.js';
import type { Logger } from '../../kernel/logger.js';
import { toNewResident, type ParsedResidentRow } from '../residents/index.js';

export interface ApprovedImport {
  inserted: number;
  skipped: number;
}

/**
 * "Godkend": stores every good row of the approved list in one write. The natural-key index makes
 * the write idempotent, so if it is cut off half-way, approving again completes the same list and
 * stores nobody twice: the list ends up whole, never half.
 */
export async function importApprovedList(
  db: NaboDatabase,
  area: Area,
  input: { list: string; rows: readonly ParsedResidentRow[]; rowsWithErrors: number },
  context: { actorId: string; platform: AuditPlatform; logger: Logger; sourceEvent?: string },
): Promise<ApprovedImport> {
  const { inserted, skippedDuplicates } = await db.residents.importMany(
    area.id,
    input.rows.map((row) => toNewResident(row, input.list)),
  );
  await db.auditEvents.record({
    actorId: context.actorId,
    action: 'residents.imported',
    subjectType: 'area',
    subjectId: area.id,
    platform: context.platform,
    details: { inserted, skipped: skippedDuplicates, rowsWithErrors: input.rowsWithErrors },
    // Once per approval: a resumed turn's second import stores nobody (natural keys) and says so.
    ...(context.sourceEvent !== undefined ? { sourceEvent: context.sourceEvent } : {}),
  });
  // Counts only: names and addresses never go into logs.
  context.logger.info(
    {
      areaKey: area.key,
      inserted,
      skipped: skippedDuplicates,
      rowsWithErrors: input.rowsWithErrors,
    },
    'resident list imported from chat',
  );
  return { inserted, skipped: skippedDuplicates };
}
