import { DateTime } from 'luxon';
import type { NaboDatabase } from '../models/database.js';
import type { Area } from '../models/types.js';
import type { OutboundMessage } from '../src/core/outbound.js';
import { catalogFor } from '../src/i18n/catalog.js';
import type { Locale } from '../src/i18n/locale.js';
import { DEFAULT_MONTH_COUNT } from '../src/programme-report/index.js';
import { programmeReportMessage } from '../src/programme-report/report-flow.js';
import { DEFAULT_ASSIGNMENT_CRON } from './assignment-jobs.js';
import { scheduleJobIds, sendKeys } from './delivery/send-keys.js';
import { enqueueSend } from './enqueue-send.js';
import type { JobQueues } from './job-queues.js';
import type { PersonMessenger } from './delivery/person-messenger.js';

/**
 * The monthly programme report: one job scheduler per area, the day after the area's hand-out,
 * queues one send per coordinator of the area. The send job carries ids and the month only; the
 * chart is drawn when the message is composed, so Redis never holds the picture.
 */

/**
 * The day after the hand-out's cron: its day of the month plus one, same hour. A hand-out cron
 * without a single day of the month (e.g. every Monday) gets the default, the 2nd at 09:00.
 */
export function programmeReportCron(assignmentCron: string | undefined): string {
  const fields = (assignmentCron || DEFAULT_ASSIGNMENT_CRON).trim().split(/\s+/);
  const [minute, hour, day, month, weekday] = fields;
  if (fields.length !== 5 || !/^\d+$/.test(day ?? '') || Number(day) > 27) return '0 9 2 * *';
  return `${minute} ${hour} ${Number(day) + 1} ${month} ${weekday}`;
}

export async function upsertProgrammeReportSchedulers(
  queues: JobQueues,
  areas: readonly Area[],
): Promise<void> {
  for (const area of areas) {
    await queues.schedule.upsertJobScheduler(
      scheduleJobIds.programmeReportScheduler(area.key),
      { pattern: programmeReportCron(area.settings.assignmentCron), tz: area.timeZone },
      { name: 'programme-report', data: { kind: 'programme-report', areaId: area.id } },
    );
  }
}

/** The month the report ends with: the month just finished, in the area's zone. */
export function reportedMonth(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).minus({ months: 1 }).toFormat('yyyy-MM');
}

export async function queueProgrammeReports(
  deps: { db: NaboDatabase; queues: JobQueues; messenger: PersonMessenger; clock: { now(): Date } },
  areaId: string,
): Promise<Record<string, number | string>> {
  const area = await deps.db.areas.findById(areaId);
  if (!area) return { skipped: 'no_area' };
  const month = reportedMonth(deps.clock.now(), area.timeZone);
  let queued = 0;
  for (const coordinator of await deps.db.people.listByArea(area.id, 'coordinator')) {
    const result = await enqueueSend(
      deps,
      coordinator,
      sendKeys.programmeReport(area.key, month, coordinator.id),
      { kind: 'programme-report', areaId: area.id, month, personId: coordinator.id },
    );
    if (result.queued) queued += 1;
  }
  return { month, queued };
}

/** The area's last 12 months up to `month`, as the chat shows it, in the coordinator's language. */
export async function monthlyProgrammeReport(
  db: NaboDatabase,
  area: Area,
  month: string,
  locale: Locale,
): Promise<OutboundMessage> {
  const from = DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' })
    .minus({ months: DEFAULT_MONTH_COUNT - 1 })
    .toFormat('yyyy-MM');
  const period = `${from} – ${month}`;
  return programmeReportMessage(
    db,
    [area],
    { from, to: month },
    locale,
    { platform: 'system' },
    catalogFor(locale).programmeReportMonthly(area.name, period),
  );
}
