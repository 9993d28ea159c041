import { DateTime } from 'luxon';
import type { Area } from '../../models/types.js';
import { requireCoordinator } from '../core/coordinator-guard.js';
import type { Flow } from '../core/flow.js';
import type { OutboundMessage } from '../core/outbound.js';
import type { Turn } from '../core/turn.js';
import type { Locale } from '../i18n/locale.js';
import { foldDiacritics } from '../interpret/normalize.js';
import type { NaboDatabase } from '../../models/database.js';
import type { AuditPlatform } from '../../models/types.js';
import { monthOf, resolveMonthRange, type MonthRange } from './months.js';
import { makeProgrammeReport } from './programme-report.js';

/**
 * "rapport", "rapport for 2026", "programrapport", "/nabo rapport": the programme report in the
 * chat, for the coordinator — the chart as a picture with the figures table under it, all of her
 * areas side by side. Ambassadors are told it is the coordinator's (coordinator-guard.ts).
 * Counts only, already protected ("<5"), so it may be shown in any conversation.
 */
export const PROGRAMME_REPORT_FLOW = 'programme-report';

const REPORT =
  /^(?:programrapport|programmerapport|programme report|program report|rapport|report)(?:\s+(?:for|i|in|over)\s+(\d{4}))?$/;

/** The months asked for, or null when the text is no report request. */
export function reportRequest(text: string, now: Date, zone: string): MonthRange | 'future' | null {
  const folded = foldDiacritics(text)
    .toLowerCase()
    .replace(/[.!?]+$/, '')
    .trim();
  const match = REPORT.exec(folded);
  if (!match) return null;
  const thisMonth = monthOf(now, zone);
  const year = match[1];
  if (year === undefined) return resolveMonthRange({}, now, zone);
  if (`${year}-01` > thisMonth) return 'future';
  const to = `${year}-12` < thisMonth ? `${year}-12` : thisMonth;
  return { from: `${year}-01`, to };
}

/** The report for some areas as one message: picture, then the table in a code block. */
export async function programmeReportMessage(
  db: NaboDatabase,
  areas: readonly Area[],
  range: MonthRange,
  locale: Locale,
  requestedBy: { platform: AuditPlatform; actorId?: string },
  intro: string,
): Promise<OutboundMessage> {
  const output = await makeProgrammeReport(db, { areas, range, locale, requestedBy });
  return {
    text: `${intro}\n\`\`\`\n${output.table}\n\`\`\``,
    image: {
      png: output.picture.png,
      altText: output.picture.altText,
      fileName: output.fileName,
    },
  };
}

async function onMessage(turn: Turn, text: string): Promise<boolean> {
  const range = reportRequest(text, turn.now, turn.zone);
  if (range === null) return false;
  if (!(await requireCoordinator(turn, 'report.programme'))) return true;
  if (range === 'future') {
    await turn.say(turn.text.programmeReportFuture());
    return true;
  }
  const areaIds = turn.person.roles
    .filter((role) => role.role === 'coordinator')
    .map((role) => role.areaId);
  const areas: Area[] = [];
  for (const id of new Set(areaIds)) {
    const area = await turn.deps.db.areas.findById(id);
    if (area) areas.push(area);
  }
  const message = await programmeReportMessage(
    turn.deps.db,
    areas,
    range,
    turn.locale,
    { platform: turn.event.conversation.platform, actorId: turn.person.id },
    turn.text.programmeReportIntro(
      areas.map((area) => area.name).join(', '),
      periodOf(range, turn.locale),
    ),
  );
  await turn.say(message);
  return true;
}

function periodOf(range: MonthRange, locale: Locale): string {
  const label = (month: string) =>
    DateTime.fromFormat(month, 'yyyy-MM')
      .setLocale(locale === 'da' ? 'da' : 'en-GB')
      .toFormat('LLL yyyy');
  return range.from === range.to ? label(range.from) : `${label(range.from)} – ${label(range.to)}`;
}

export const programmeReportFlow: Flow = { name: PROGRAMME_REPORT_FLOW, onMessage };
