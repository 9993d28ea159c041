import type { ProfileChanges } from '../../models/types.js';
import type { Area, Person, PlatformIdentity } from '../../models/types.js';
import { findMention, mentionsOf } from './mention.js';
import { DETAIL_START, parseDetails } from './profile-details.js';
import { welcomeMessage } from './welcome.js';
import { rememberStep, sourceEventField } from '../core/flow.js';
import type { FormSpec, OutboundMessage } from '../core/outbound.js';
import type { Turn } from '../core/turn.js';
import { isNaboError } from '../../kernel/errors.js';
import { foldDiacritics } from '../interpret/normalize.js';
import { areaOrAsk } from './corps-area.js';
import { CORPS_FLOW, profileFormFields, describeProfile, explainRefusal } from './corps-shared.js';

/** What the coordinator said about the newcomer, kept while Nabo asks for the area or the name. */
export interface PendingAddition {
  name: string;
  identities: PlatformIdentity[];
  changes: ProfileChanges;
}

/**
 * "tilføj ambassadør Birgit Sørensen, sprog arabisk, kapacitet 3" or "tilføj @Birgit": reads who
 * and what, asks only for what is missing (the area when there are several, the name when a
 * mention shows none, the form when nothing was said), then adds and welcomes.
 */
export async function addFromText(turn: Turn, rest: string): Promise<void> {
  const mentioned = findMention(rest, mentionsOf(turn.event));
  const remaining = mentioned ? mentioned.rest : rest;
  const [namePart, detailPart] = splitNameAndDetails(remaining);
  const name = namePart || mentioned?.mention.label?.replace(/^@/, '') || '';
  const details = parseDetails(detailPart);
  if (details.unknown.length > 0 || details.invalid.length > 0) {
    await turn.say(turn.text.detailsNotUnderstood([...details.unknown, ...details.invalid]));
    return;
  }
  if (!mentioned && name === '') {
    await showAddForm(turn);
    return;
  }
  const pending: PendingAddition = {
    name,
    identities: mentioned ? [mentioned.mention.identity] : [],
    changes: details.changes,
  };
  await continueAddition(turn, pending);
}

/** The Teams way (and any platform that shows forms): one card with every field. */
export async function showAddForm(turn: Turn): Promise<void> {
  const form: FormSpec = {
    id: `${CORPS_FLOW}:add`,
    title: turn.text.addFormTitle(),
    submitLabel: turn.text.corpsFormSubmit(),
    fields: profileFormFields(turn, undefined),
  };
  await turn.say({ text: turn.text.addFormIntro(), form });
}

export async function continueAddition(
  turn: Turn,
  pending: PendingAddition,
  chosen?: Area,
): Promise<void> {
  const area =
    chosen ?? (await areaOrAsk(turn, CORPS_FLOW, 'add_area', { pending: { ...pending } }));
  if (!area) return;
  if (pending.name.trim() === '') {
    await rememberStep(turn, CORPS_FLOW, 'add_name', { pending: { ...pending }, areaId: area.id });
    await turn.say(turn.text.askNewAmbassadorName());
    return;
  }
  await addAmbassador(turn, area, pending);
}

async function addAmbassador(turn: Turn, area: Area, pending: PendingAddition): Promise<void> {
  const db = turn.deps.db;
  const name = pending.name.trim();
  const existing = (await db.people.listByArea(area.id, 'ambassador')).find(
    (person) => person.status.state !== 'left' && sameName(person.name, name),
  );
  if (existing) {
    await turn.say({
      text: turn.text.alreadyInCorps(existing.name),
      choices: [editChoice(turn, existing)],
    });
    return;
  }
  const languages = pending.changes.languages ?? [];
  let person: Person;
  try {
    person = await db.people.add({
      name,
      roles: [{ areaId: area.id, role: 'ambassador' }],
      identities: await identitiesFor(turn, pending),
      languages,
      ...(pending.changes.block ? { block: pending.changes.block } : {}),
      ...(pending.changes.stairwell ? { stairwell: pending.changes.stairwell } : {}),
      ...(pending.changes.monthlyCapacity !== undefined
        ? { monthlyCapacity: pending.changes.monthlyCapacity }
        : {}),
      // Nabo speaks Danish and English: English for someone who listed English but not Danish.
      locale: languages.includes('en') && !languages.includes('da') ? 'en' : area.locale,
    });
  } catch (error) {
    if (isNaboError(error) && (error.code === 'ALREADY_EXISTS' || error.code === 'INVALID_INPUT')) {
      await turn.say(explainRefusal(turn, error));
      return;
    }
    throw error;
  }
  await db.auditEvents.record({
    actorId: turn.person.id,
    action: 'person.added',
    subjectType: 'person',
    subjectId: person.id,
    platform: turn.event.conversation.platform,
    ...sourceEventField(turn),
    details: { role: 'ambassador', areaId: area.id },
  });
  turn.deps.logger.info({ personId: person.id, areaId: area.id }, 'ambassador added from chat');

  const firstName = person.name.split(/\s+/)[0] ?? person.name;
  const welcomed = await sendWelcome(turn, person, area);
  const reachable = person.identities.length > 0;
  const lines = [
    turn.text.ambassadorAdded(person.name, area.name, describeProfile(turn, person)),
    welcomed
      ? turn.text.welcomeSent(firstName)
      : reachable
        ? turn.text.welcomeLater(firstName)
        : turn.text.noIdentityYet(firstName),
    turn.text.agreementPendingNote(firstName),
  ];
  const reply: OutboundMessage = { text: lines.join('\n'), choices: [editChoice(turn, person)] };
  await turn.say(reply);
}

/** Only through the adapters' port: without it, the welcome waits for the first message. */
async function sendWelcome(turn: Turn, person: Person, area: Area): Promise<boolean> {
  const notifier = turn.deps.notifier;
  if (!notifier || person.identities.length === 0) return false;
  try {
    return (await notifier.sendToPerson(person.id, welcomeMessage(person, area.name))) === 'sent';
  } catch (error) {
    // The person is added either way; the welcome then comes with their first message.
    turn.deps.logger.warn({ personId: person.id, err: error }, 'welcome could not be sent');
    return false;
  }
}

/**
 * A mention gives the newcomer's identity. On a platform without a directory to mention people
 * from (the terminal demo), the platform makes one from the name, so the newcomer can log in.
 */
async function identitiesFor(turn: Turn, pending: PendingAddition): Promise<PlatformIdentity[]> {
  if (pending.identities.length > 0) return pending.identities;
  const identity = await turn.platform.identityForNewcomer?.(
    pending.name,
    async (candidate) => (await turn.deps.db.people.findByIdentity(candidate)) !== null,
  );
  return identity ? [identity] : [];
}

export function editChoice(turn: Turn, person: Person) {
  return {
    label: turn.text.corpsEditButton(),
    action: { flow: CORPS_FLOW, step: 'edit_form', value: person.id },
  };
}

/** "Birgit Sørensen, sprog arabisk" / "Birgit Sørensen sprog arabisk" → name, details. */
function splitNameAndDetails(text: string): [string, string] {
  const trimmed = text.trim().replace(/^[:,-]\s*/, '');
  const separator = /[,;:]/.exec(trimmed);
  const field = DETAIL_START.exec(trimmed);
  const cut = [separator?.index, field?.index]
    .filter((index): index is number => index !== undefined)
    .sort((a, b) => a - b)[0];
  if (cut === undefined) return [trimmed, ''];
  return [trimmed.slice(0, cut).trim(), trimmed.slice(cut + 1).trim()];
}

function sameName(a: string, b: string): boolean {
  return (
    foldDiacritics(a).replace(/\s+/g, ' ').trim() === foldDiacritics(b).replace(/\s+/g, ' ').trim()
  );
}
