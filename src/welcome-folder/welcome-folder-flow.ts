import { requireCoordinator } from '../core/coordinator-guard.js';
import type { Area, WelcomeFolder } from '../../models/types.js';
import { areaIdsOf, isCoordinator } from '../corps/roles.js';
import { forgetStep, type Flow } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import type { Turn } from '../core/turn.js';
import { intentOf } from '../core/turn-intent.js';
import { answerFolderQuestion, type FolderAnswer } from './answer-question.js';
import { activityLine, contactLine } from './format.js';
import { parseFolderEntry, type FolderEntry } from './parse-entry.js';
import { areaOrAsk, chosenArea } from '../corps/corps-area.js';

/**
 * The welcome folder in the pocket. Ambassadors ask in their own words ("varmemesterens
 * nummer?", "hvornår er der madklub?", "who do I call about a broken lamp?") and get the line from
 * their area's folder; coordinators keep the folder one line at a time in the same chat.
 */
export const FOLDER_FLOW = 'folder';

/** Question words that make a message a question even without a question mark. */
const QUESTION_START =
  /^\s*(hvem|hvad|hvor|hvornår|hvornaar|hvilken|hvilke|hvordan|hvis|er der|har vi|kan jeg|skal jeg|who|what|when|where|which|how|is there|are there|do we|can i|should i)\b/i;

async function onMessage(turn: Turn, text: string): Promise<boolean> {
  const entry = parseFolderEntry(text);
  if (entry) return handleEntry(turn, entry);
  if (!looksLikeQuestion(turn, text)) return false;
  // A short answer to a check-in question ("madklubben", "spring over") is the answer, not a
  // question about the folder.
  if (!isPlainQuestion(text) && turn.held.openCheckIn) return false;
  const answer = await findAnswer(turn, text);
  if (!answer) return false;
  await turn.say(answerText(turn, answer.answer));
  return true;
}

/**
 * A question, or a short message that is only about the folder ("lægevagt"). A visit report
 * that mentions a lamp ("ikke hjemme, lampen i opgangen er i stykker") is not a question: it goes
 * on to be recorded, and the follow-up offer takes it from there.
 */
function isPlainQuestion(text: string): boolean {
  return text.includes('?') || QUESTION_START.test(text);
}

function looksLikeQuestion(turn: Turn, text: string): boolean {
  if (isPlainQuestion(text)) return true;
  if (text.trim().split(/\s+/).length > 4) return false;
  return intentOf(turn, text).kind === 'unknown';
}

async function findAnswer(
  turn: Turn,
  text: string,
): Promise<{ answer: FolderAnswer; folder: WelcomeFolder } | undefined> {
  let fallback: { answer: FolderAnswer; folder: WelcomeFolder } | undefined;
  for (const areaId of areaIdsOf(turn.person)) {
    const folder = await turn.deps.db.welcomeFolders.get(areaId);
    const answer = answerFolderQuestion(text, folder);
    if (!answer) continue;
    // With two areas, the first folder that actually holds the answer wins.
    if (answer.kind !== 'missing_contact') return { answer, folder };
    fallback ??= { answer, folder };
  }
  return fallback;
}

function answerText(turn: Turn, answer: FolderAnswer): string {
  const t = turn.text;
  const coordinator = isCoordinator(turn.person);
  switch (answer.kind) {
    case 'contacts': {
      const lines = answer.contacts.map((contact) => contactLine(t, contact));
      const intro = answer.problem
        ? [t.folderProblemIntro(t.folderContactKind(answer.contactKind))]
        : [];
      return [...intro, ...lines].join('\n');
    }
    case 'missing_contact':
      return t.folderMissingContact(t.folderContactKind(answer.contactKind), coordinator);
    case 'activities':
      if (answer.activities.length === 0) return t.folderNoActivities(coordinator);
      return [
        ...(answer.all ? [t.folderActivitiesIntro()] : []),
        ...answer.activities.map((activity) => activityLine(t, activity, turn.locale)),
      ].join('\n');
    case 'gift':
      return answer.gift ? t.folderGift(answer.gift) : t.folderNoGift(coordinator);
  }
}

async function handleEntry(turn: Turn, entry: FolderEntry): Promise<boolean> {
  if (entry.kind === 'show') {
    await showFolders(turn);
    return true;
  }
  if (!(await requireCoordinator(turn, 'welcome-folder:change'))) {
    return true;
  }
  const area = await areaOrAsk(turn, FOLDER_FLOW, 'area', { entry });
  if (area) await applyEntry(turn, area, entry);
  return true;
}

async function applyEntry(turn: Turn, area: Area, entry: FolderEntry): Promise<void> {
  const folders = turn.deps.db.welcomeFolders;
  const t = turn.text;
  switch (entry.kind) {
    case 'contact':
      await folders.putContact(area.id, entry.contact);
      await turn.say(
        t.folderContactSaved(
          contactLine(t, entry.contact),
          t.folderContactKind(entry.contact.kind),
        ),
      );
      break;
    case 'activity':
      await folders.putActivity(area.id, entry.activity);
      await turn.say(t.folderActivitySaved(activityLine(t, entry.activity, turn.locale)));
      break;
    case 'gift':
      await folders.setGift(area.id, entry.gift);
      await turn.say(t.folderGiftSaved(entry.gift));
      break;
    case 'remove': {
      const removed = await folders.remove(area.id, entry.what, entry.name);
      await turn.say(
        removed > 0 ? t.folderRemoved(entry.name) : t.folderNothingRemoved(entry.name),
      );
      break;
    }
    case 'show':
      return;
  }
  turn.deps.logger.info({ areaId: area.id, change: entry.kind }, 'welcome folder changed');
}

async function showFolders(turn: Turn): Promise<void> {
  const t = turn.text;
  const blocks: string[] = [];
  for (const areaId of areaIdsOf(turn.person)) {
    const area = await turn.deps.db.areas.findById(areaId);
    if (!area) continue;
    const folder = await turn.deps.db.welcomeFolders.get(areaId);
    if (folder.contacts.length + folder.activities.length === 0 && !folder.gift) {
      blocks.push(t.folderEmpty(area.name));
      continue;
    }
    blocks.push(
      [
        t.folderShowTitle(area.name),
        ...(folder.contacts.length > 0
          ? [t.folderContactsHeading(), ...folder.contacts.map((c) => contactLine(t, c))]
          : []),
        ...(folder.activities.length > 0
          ? [
              t.folderActivitiesHeading(),
              ...folder.activities.map((a) => activityLine(t, a, turn.locale)),
            ]
          : []),
        ...(folder.gift ? [t.folderGift(folder.gift)] : []),
      ].join('\n'),
    );
  }
  await turn.say(blocks.join('\n\n') || t.folderEmpty(''));
}

/** The area, chosen with a button by a coordinator of two areas. */
async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  const state = turn.held.state;
  const entry =
    state?.flow === FOLDER_FLOW ? (state.data.entry as FolderEntry | undefined) : undefined;
  const area = await chosenArea(turn, action.value);
  if (!entry || !area) {
    await turn.say(turn.text.nothingChanged());
    return;
  }
  await forgetStep(turn);
  if (source) await turn.replace(source, `✓ ${area.name}`);
  await applyEntry(turn, area, entry);
}

export const welcomeFolderFlow: Flow = { name: FOLDER_FLOW, onMessage, onAction };
