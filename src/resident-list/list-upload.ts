import { requireCoordinator } from '../core/coordinator-guard.js';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Area, ConversationState } from '../../models/types.js';
import { isCoordinator } from '../corps/roles.js';
import {
  forgetStep,
  rememberStep,
  sourceEventField,
  sourceEventOf,
  type Flow,
} from '../core/flow.js';
import type { ActionPayload, IncomingFile, MessageRef } from '../core/inbound.js';
import type { MessageSection, OutboundMessage } from '../core/outbound.js';
import { refuseNotPrivate } from '../core/private-guard.js';
import type { Turn } from '../core/turn.js';
import { formatCalendarDate } from '../i18n/locale.js';
import { importApprovedList } from './import-approved.js';
import { previewList, type ListPreview } from './preview.js';
import { readListFile, type ListFileProblem } from './read-list-file.js';
import type { ParsedResidentRow, ResidentFileError } from '../residents/index.js';
import { areaOrAsk, chosenArea } from '../corps/corps-area.js';
import { householdAddress, householdName } from '../visits/households.js';
import { assignNow } from '../assignment/list-assign.js';

/**
 * "Here is this month's list": the coordinator drops the housing organisation's file into a
 * direct message, Nabo reads it with the same rules as `nabo residents import` and shows what
 * would happen. Nothing is stored before "Godkend"; then all good rows are stored in one go.
 * Only the parsed rows wait in the conversation state between the two — never the file.
 */
export const LIST_FLOW = 'list';

/** What waits between the preview and "Godkend". */
interface PendingList {
  /** Ties the buttons to this preview: an older preview's button cannot import a newer list. */
  token: string;
  areaId?: string;
  list: string;
  rows: ParsedResidentRow[];
  errors: ResidentFileError[];
}

const SHOWN_PER_SECTION = 15;

async function onFile(turn: Turn, file: IncomingFile): Promise<boolean> {
  // Ambassadors get the bot's general answer to files; the list is the coordinator's.
  if (!isCoordinator(turn.person)) return false;
  await receiveList(turn, file);
  return true;
}

async function receiveList(turn: Turn, file: IncomingFile): Promise<void> {
  if (!turn.mayShowPersonalData) {
    await refuseNotPrivate(turn, 'list:upload', turn.text.listPrivateOnly());
    return;
  }
  const read = await readListFile(file);
  if (!read.ok) {
    logProblem(turn, read.problem);
    await turn.say(explainProblem(turn, read.problem));
    return;
  }
  turn.deps.logger.info(
    { format: read.format, rows: read.parsed.rows.length, errors: read.parsed.errors.length },
    'resident list received in chat',
  );
  const pending: PendingList = {
    token: randomUUID().slice(0, 8),
    list: basename(file.name),
    rows: read.parsed.rows,
    errors: read.parsed.errors,
  };
  const area = await areaOrAsk(turn, LIST_FLOW, 'area', { pending });
  if (area) await showPreview(turn, area, pending);
}

async function showPreview(turn: Turn, area: Area, pending: PendingList): Promise<void> {
  const preview = await previewList(turn.deps.db, area.id, pending.rows, pending.errors);
  const withArea: PendingList = { ...pending, areaId: area.id };
  const message = previewMessage(turn, area, withArea, preview);
  if (preview.fresh.length > 0) {
    await rememberStep(turn, LIST_FLOW, 'preview', { pending: withArea });
  } else {
    await forgetStep(turn);
  }
  await turn.say(message);
}

function previewMessage(
  turn: Turn,
  area: Area,
  pending: PendingList,
  preview: ListPreview,
): OutboundMessage {
  const t = turn.text;
  const name = (names: string[]) => householdName(names, turn.locale);
  const sections: MessageSection[] = [];
  const section = (heading: string, lines: string[]) => {
    if (lines.length === 0) return;
    const shown = lines.slice(0, SHOWN_PER_SECTION);
    const more = lines.length - shown.length;
    sections.push({
      text: [heading, ...shown, ...(more > 0 ? [t.listMore(more)] : [])].join('\n'),
    });
  };
  section(
    t.listNewHeading(),
    preview.fresh.map((row) => t.listRowLine(row.line, name(row.names), householdAddress(row))),
  );
  section(
    t.listNewMoveInDatesHeading(),
    preview.newMoveInDates.map((row) =>
      t.listNewMoveInDateLine(
        name(row.names),
        householdAddress(row),
        formatCalendarDate(row.moveInDate, turn.locale),
        formatCalendarDate(row.previousMoveInDate, turn.locale),
      ),
    ),
  );
  section(
    t.listNewNamesHeading(),
    preview.newNames.map((row) =>
      t.listNewNameLine(name(row.names), householdAddress(row), name(row.previousNames)),
    ),
  );
  section(
    t.listKnownHeading(),
    preview.known.map((row) => t.listRowLine(row.line, name(row.names), householdAddress(row))),
  );
  section(
    t.listErrorsHeading(),
    preview.errors.map((error) => t.listErrorLine(error.line, error.reason)),
  );
  const fresh = preview.fresh.length;
  const text = [
    t.listPreviewTitle(area.name, pending.list),
    t.listPreviewCounts(fresh, preview.known.length, preview.errors.length),
  ].join('\n');
  if (fresh === 0) return { text, sections: [...sections, { text: t.listNothingNew() }] };
  return {
    text,
    sections: [...sections, { text: t.listAskApprove(fresh) }],
    choices: [
      {
        label: t.approveButton(fresh),
        action: { flow: LIST_FLOW, step: 'approve', value: pending.token },
        style: 'primary',
      },
      {
        label: t.cancelListButton(),
        action: { flow: LIST_FLOW, step: 'cancel', value: pending.token },
      },
    ],
  };
}

async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  if (!(await requireCoordinator(turn, `${LIST_FLOW}:${action.step}`))) return;
  if (action.step === 'assign') {
    const area = await chosenArea(turn, action.value);
    if (source) await turn.replace(source, `✓ ${turn.text.assignNowButton()}`);
    if (area) await assignNow(turn, area);
    else await turn.say(turn.text.coordinatorOnly());
    return;
  }
  if (action.step === 'approve' && (await answerApprovedAlready(turn, source))) return;
  const state = turn.held.state;
  const pending = pendingOf(state);
  if (action.step === 'area') {
    const area = await chosenArea(turn, action.value);
    if (!area || !pending || state?.step !== 'area') {
      await turn.say(turn.text.listExpired());
      return;
    }
    if (source) await turn.replace(source, `✓ ${area.name}`);
    await showPreview(turn, area, pending);
    return;
  }
  if (!pending || state?.step !== 'preview' || pending.token !== action.value) {
    await turn.say(turn.text.listExpired());
    return;
  }
  if (action.step === 'cancel') {
    await forgetStep(turn);
    if (source) await turn.replace(source, turn.text.listCancelled());
    else await turn.say(turn.text.listCancelled());
    return;
  }
  if (action.step === 'approve') await approve(turn, pending, source);
}

/**
 * This very "Godkend" was carried out already (a turn resumed after a crash): answered from what
 * the first run stored, its audit entry, instead of "the list has expired" or importing again.
 */
async function answerApprovedAlready(turn: Turn, source: MessageRef | undefined): Promise<boolean> {
  const event = sourceEventOf(turn);
  if (!event) return false;
  const imported = await turn.deps.db.auditEvents.findForEvent(event, 'residents.imported');
  if (!imported) return false;
  const count = (key: string) => {
    const value = imported.details[key];
    return typeof value === 'number' ? value : 0;
  };
  await answerImported(turn, imported.subjectId, count('inserted'), count('skipped'), source);
  return true;
}

async function answerImported(
  turn: Turn,
  areaId: string,
  inserted: number,
  skipped: number,
  source: MessageRef | undefined,
): Promise<void> {
  if (source) await turn.replace(source, `✓ ${turn.text.approveButton(inserted)}`);
  await turn.say({
    text: turn.text.listImported(inserted, skipped),
    choices: [
      {
        label: turn.text.assignNowButton(),
        action: { flow: LIST_FLOW, step: 'assign', value: areaId },
      },
    ],
  });
}

async function approve(turn: Turn, pending: PendingList, source: MessageRef | undefined) {
  const area = await chosenArea(turn, pending.areaId ?? '');
  if (!area) {
    await turn.say(turn.text.listExpired());
    return;
  }
  let result;
  try {
    result = await importApprovedList(
      turn.deps.db,
      area,
      { list: pending.list, rows: pending.rows, rowsWithErrors: pending.errors.length },
      {
        actorId: turn.person.id,
        platform: turn.event.conversation.platform,
        logger: turn.deps.logger,
        ...sourceEventField(turn),
      },
    );
  } catch (error) {
    // The rows stay in the state: approving again finishes the list (see importApprovedList).
    turn.deps.logger.error({ err: error, areaId: area.id }, 'resident list import failed');
    await turn.say(turn.text.listImportFailed());
    return;
  }
  await forgetStep(turn);
  await answerImported(turn, area.id, result.inserted, result.skipped, source);
}

function pendingOf(state: ConversationState | null): PendingList | undefined {
  if (!state || state.flow !== LIST_FLOW) return undefined;
  return state.data.pending as PendingList | undefined;
}

function explainProblem(turn: Turn, problem: ListFileProblem): string {
  switch (problem.kind) {
    case 'too_large':
      return turn.text.listTooLarge(Math.round(problem.maxBytes / (1024 * 1024)));
    case 'wrong_format':
      return turn.text.listWrongFormat();
    case 'old_excel':
      return turn.text.listOldExcel();
    case 'unreadable':
      return turn.text.listUnreadable();
    case 'download_failed':
      return turn.text.listDownloadFailed();
    case 'read_failed':
      return turn.text.listReadFailed();
    case 'limit':
      return explainLimit(turn, problem);
  }
}

function explainLimit(turn: Turn, problem: Extract<ListFileProblem, { kind: 'limit' }>): string {
  switch (problem.limit) {
    case 'unpacked_bytes':
      return turn.text.listUnpackedTooLarge(Math.round(problem.max / (1024 * 1024)));
    case 'rows':
      return turn.text.listTooManyRows(problem.max);
    case 'cells':
      return turn.text.listTooManyCells(problem.max);
    case 'time':
      return turn.text.listTooSlow(Math.round(problem.max / 1000));
    case 'memory':
      return turn.text.listTooMuchMemory();
  }
}

/** What an operator needs to follow up: never the file's content, only what went wrong. */
function logProblem(turn: Turn, problem: ListFileProblem): void {
  const logger = turn.deps.logger;
  if (problem.kind === 'download_failed') {
    logger.warn({ err: problem.cause }, 'resident list could not be downloaded');
  } else if (problem.kind === 'read_failed') {
    logger.error({ err: problem.cause }, 'resident list could not be read');
  } else if (problem.kind === 'limit') {
    logger.warn({ limit: problem.limit, max: problem.max }, 'resident list refused by a limit');
  }
}

/**
 * In the terminal demo there is no upload button: "importer /sti/liste.csv" reads the file from
 * disk and hands it to the same flow as an upload. Only a platform on the operator's own machine
 * offers local files — in Slack or Teams a path in a message must never open a file on the server.
 */
async function onMessage(turn: Turn, text: string): Promise<boolean> {
  if (!turn.platform.localFile) return false;
  const match = /^\s*(?:importer|import|indlæs)\s+(\S.*?)\s*$/i.exec(text);
  const path = match?.[1]?.replace(/^["']|["']$/g, '');
  if (!path || !/[/\\.]/.test(path) || !isCoordinator(turn.person)) return false;
  const file = await turn.platform.localFile(path);
  if (!file) {
    await turn.say(turn.text.consoleFileMissing(path));
    return true;
  }
  await receiveList(turn, turn.received(file));
  return true;
}

export const listUploadFlow: Flow = { name: LIST_FLOW, onFile, onAction, onMessage };
