/**
 * The domain's plain shapes, as the repositories hand them to the rest of Nabo. No mongoose here:
 * `src/` imports these types, and only `models/` may know how they are stored. Ids are strings,
 * instants are `Date`s, calendar dates are noted where they occur.
 */

import type { ClosingReason, DoorOutcome } from '../kernel/door-outcomes.js';

export type Id = string;
export type Locale = 'da' | 'en';
/**
 * A messaging platform by its id ('slack', 'teams', 'console', 'webhook', …). The set is open:
 * a platform is whatever adapter the composition root registers under that id.
 */
export type Platform = string;

// ── Area (boligområde, afdeling) ────────────────────────────────────────────────────────────────

export interface AreaSettings {
  /** Tries at the door before a visit is closed as not reached. */
  maxAttempts: number;
  /** Days after a not-at-home attempt before the ambassador is reminded to try again. */
  revisitAfterDays: number;
  /** Local hour (0–23) at which revisit reminders go out. */
  revisitHour: number;
  /** Days from assignment within which the first attempt should have happened. */
  firstAttemptDeadlineDays: number;
  /** When new households are handed out (cron, area time zone). */
  assignmentCron: string;
  /** Weeks between check-ins (individuelle samtaler) with each ambassador. */
  checkInEveryWeeks: number;
  /** The area's own deletion deadlines; what is missing follows the defaults (PRIVACY.md). */
  retention?: Partial<RetentionSettings>;
}

/**
 * Deletion deadlines (slettefrister) of one area, in months. The defaults and what each rule does
 * live in src/privacy/retention-settings.ts and PRIVACY.md.
 */
export interface RetentionSettings {
  /** A household is anonymised this long after its last visit closed. */
  householdMonths: number;
  /** Notes of a closed visit are deleted this long after it closed. */
  visitNotesMonths: number;
  /** Check-ins (and their answers) are deleted this long after they were answered or due. */
  checkInMonths: number;
  /** A household that never got a visit is anonymised this long after move-in (or import). */
  neverVisitedMonths: number;
  /** An open visit nobody touched for this long is closed as not reached. */
  staleOpenVisitMonths: number;
  /** A follow-up is deleted this long after it was closed, or after it was made if still open. */
  followUpMonths: number;
}

export interface Area {
  id: Id;
  /** Short slug used by operators and in job ids, e.g. "gellerup". */
  key: string;
  name: string;
  /** IANA zone, e.g. "Europe/Copenhagen". */
  timeZone: string;
  locale: Locale;
  settings: AreaSettings;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewArea {
  key: string;
  name: string;
  timeZone?: string;
  locale?: Locale;
  settings?: Partial<AreaSettings>;
}

// ── Person (ambassador, coordinator) ────────────────────────────────────────────────────────────

export type Role = 'ambassador' | 'coordinator';

export interface RoleInArea {
  areaId: Id;
  role: Role;
}

/**
 * Who a person is on one platform: the workspace (Slack team, Teams tenant, 'local' for the
 * terminal) and the user's id there (Slack user id, Entra ID object id, terminal handle). The
 * adapter that maps the platform's payloads decides what goes in each field.
 */
export interface PlatformIdentity {
  platform: Platform;
  workspaceId: string;
  userId: string;
}

export type PersonState = 'active' | 'paused' | 'left';
export type LeftReason = 'moved' | 'stopped' | 'other';

export interface PersonStatus {
  state: PersonState;
  pausedUntil?: Date;
  leftReason?: LeftReason;
  leftNote?: string;
}

export interface Person {
  id: Id;
  name: string;
  roles: RoleInArea[];
  /** At most one identity per platform. */
  identities: PlatformIdentity[];
  /** ISO 639-1 codes the person speaks, e.g. ['da', 'ar']. */
  languages: string[];
  block?: string;
  stairwell?: string;
  /** Households the person is willing to visit per month. */
  monthlyCapacity: number;
  status: PersonStatus;
  volunteerAgreementAt?: Date;
  confidentialityAt?: Date;
  locale: Locale;
  /** Interests and strengths in her own words ("madklub", "taler arabisk"): phase 3's roles. */
  interests?: string[];
  /** Extra roles the coordinator gave her ("mentor", "følgeskab"), beyond being an ambassador. */
  extraRoles?: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface NewPerson {
  name: string;
  roles: RoleInArea[];
  identities?: PlatformIdentity[];
  languages?: string[];
  block?: string;
  stairwell?: string;
  monthlyCapacity?: number;
  volunteerAgreementAt?: Date;
  confidentialityAt?: Date;
  locale?: Locale;
}

/** What a coordinator may correct in an ambassador's profile; only the fields given change. */
export interface ProfileChanges {
  name?: string;
  languages?: string[];
  /** '' removes the block. */
  block?: string;
  /** '' removes the stairwell. */
  stairwell?: string;
  monthlyCapacity?: number;
  locale?: Locale;
}

// ── Resident (tilflytter: one household) ────────────────────────────────────────────────────────

export interface ResidentSource {
  /** The list it came from: a file name or a label. */
  list: string;
  /** 1-based line in that list. */
  row: number;
}

export interface Resident {
  id: Id;
  areaId: Id;
  names: string[];
  /** Street and number, e.g. "Gudrunsvej 10". */
  address: string;
  /** Floor and door, e.g. "2. th"; empty for a house without units. */
  unit: string;
  block?: string;
  stairwell?: string;
  /**
   * A calendar date, stored as UTC midnight of that date (see docs/residents-file.md). Read it with
   * `toISOString().slice(0, 10)` or format it in UTC or Danish time: both give the same day.
   */
  moveInDate: Date;
  languageHints: string[];
  source: ResidentSource;
  doNotVisit: boolean;
  /** Set when the personal fields were blanked (deletion deadline or erasure request). */
  anonymisedAt?: Date;
  /** Set when that happened because of an erasure request. */
  erasedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewResident {
  names: string[];
  address: string;
  unit?: string;
  block?: string;
  stairwell?: string;
  /** Calendar date 'YYYY-MM-DD'; a string so no time zone can shift the day. */
  moveInDate: string;
  languageHints?: string[];
  source: ResidentSource;
  doNotVisit?: boolean;
}

export interface ImportResult {
  inserted: number;
  /** Rows whose household was already stored (same area, address, unit, move-in date, names). */
  skippedDuplicates: number;
}

/** What a list of visits shows about the household without loading the whole record. */
export type ResidentSummary = Pick<
  Resident,
  'id' | 'names' | 'address' | 'unit' | 'block' | 'stairwell' | 'moveInDate' | 'languageHints'
>;

// ── Visit (besøg) and its attempts at the door ──────────────────────────────────────────────────

export type VisitStatus = 'open' | 'closed';
/** One try at the door; the list lives in kernel/door-outcomes.ts. */
export type AttemptOutcome = DoorOutcome;
export type { ClosingReason };

export interface VisitAttempt {
  at: Date;
  outcome: AttemptOutcome;
  /** Whether the welcome folder was left (handed over or in the mailbox); null = not said. */
  folderLeft: boolean | null;
  note?: string;
  noteBy?: Id;
  /** Calendar date 'YYYY-MM-DD' agreed for the next try. */
  revisitDate?: string;
  /** The inbound event that reported it: a resumed or retried turn does not record it again. */
  sourceEvent?: string;
  /**
   * Where it was reported (a digest of the conversation key: no platform id on a household's
   * record or in its export) and which report it belongs to (one key per message, ordered by
   * time): the report's own memory for "fortryd" and corrections, so a turn that reports needs
   * no conversation-state write to remember it.
   */
  conversationTag?: string;
  reportKey?: string;
}

export interface Visit {
  id: Id;
  areaId: Id;
  residentId: Id;
  ambassadorId: Id;
  /** 'YYYY-MM': the monthly hand-out the visit belongs to. */
  assignmentMonth: string;
  status: VisitStatus;
  attempts: VisitAttempt[];
  /** The latest inbound events whose «fortryd» took an attempt back: a resumed turn does not. */
  undoneBy?: string[];
  /** Outcome of the latest attempt. */
  outcome: AttemptOutcome | null;
  /** True once any attempt left the folder; false if attempts said it was not left; else null. */
  folderLeft: boolean | null;
  /** The latest note written on an attempt, and by whom. */
  note: string | null;
  noteBy: Id | null;
  /** Revisit date of the latest attempt ('YYYY-MM-DD'). */
  revisitDate: string | null;
  closingReason?: ClosingReason;
  closedAt?: Date;
  /**
   * When Nabo last put this household alone in front of the ambassador (a revisit reminder, a
   * first-visit nudge, "I'll try today"): a bare "ikke hjemme igen" soon after means this one.
   */
  promptedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export type VisitWithResident = Visit & { resident: ResidentSummary };

// ── Network meeting (netværksmøde) ──────────────────────────────────────────────────────────────

export type MeetingStatus = 'draft' | 'planned' | 'running' | 'finished';
export type AgendaItemStatus = 'pending' | 'running' | 'done';

export interface AgendaItem {
  title: string;
  timeboxMinutes: number;
  owner?: Id;
  notes?: string;
  actualMinutes?: number;
  status: AgendaItemStatus;
  /** When the item became the current one during the meeting (its timebox runs from here). */
  startedAt?: Date;
  /** The ambassador who proposed the item, when it came from a proposal. */
  proposedBy?: Id;
}

export interface ActionItem {
  text: string;
  owner?: Id;
  /** The owner as written when it is nobody Nabo knows ("varmemesteren"). */
  ownerName?: string;
  due?: Date;
  done: boolean;
  /** The meeting the action was agreed at, when it was carried over from an earlier one. */
  carriedFrom?: Id;
}

export type AgendaProposalStatus = 'pending' | 'approved' | 'declined';

/** A topic an ambassador asked to put on the agenda; the coordinator approves or declines it. */
export interface AgendaProposal {
  id: Id;
  title: string;
  timeboxMinutes: number;
  proposedBy: Id;
  status: AgendaProposalStatus;
  at: Date;
}

/** Where the running meeting talks: the coordinator's conversation, as the adapter gave it. */
export interface MeetingConversation {
  platform: Platform;
  key: string;
  isDirect: boolean;
  address: Record<string, unknown>;
}

export interface Meeting {
  id: Id;
  areaId: Id;
  title: string;
  startsAt: Date;
  plannedMinutes?: number;
  status: MeetingStatus;
  items: AgendaItem[];
  actionItems: ActionItem[];
  proposals: AgendaProposal[];
  /** The coordinator who wrote the agenda. */
  coordinatorId?: Id;
  /** Index of the item under way while the meeting runs. */
  currentItem?: number;
  /** The coordinator who started the meeting, and where the meeting's messages go. */
  runBy?: Id;
  conversation?: MeetingConversation;
  startedAt?: Date;
  endedAt?: Date;
  /** When the agenda went out to the area's ambassadors. */
  agendaSentAt?: Date;
  /**
   * The inbound events (`<platform>:<event id>`) whose turns changed the meeting, the latest
   * few: a resumed or retried turn finds its change there and does not make it twice.
   */
  sourceEvents?: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface NewMeeting {
  areaId: Id;
  title: string;
  startsAt: Date;
  plannedMinutes?: number;
  status?: MeetingStatus;
  items?: Array<Pick<AgendaItem, 'title' | 'timeboxMinutes' | 'owner'>>;
  coordinatorId?: Id;
  actionItems?: ActionItem[];
  /** The event whose turn creates it: the same event again gets this meeting back. */
  sourceEvent?: string;
}

/** Fields a meeting's story changes as it goes (agenda edits, start, next item, end). */
export interface MeetingChanges {
  title?: string;
  startsAt?: Date;
  plannedMinutes?: number | null;
  status?: MeetingStatus;
  items?: AgendaItem[];
  actionItems?: ActionItem[];
  proposals?: AgendaProposal[];
  currentItem?: number | null;
  runBy?: Id;
  conversation?: MeetingConversation;
  startedAt?: Date;
  endedAt?: Date;
  agendaSentAt?: Date;
}

/** Only change the meeting if it is still as the caller saw it (two "næste" at once, a timer). */
export interface MeetingExpectation {
  status?: MeetingStatus;
  currentItem?: number | null;
  updatedAt?: Date;
}

// ── Check-in (individuel samtale) ───────────────────────────────────────────────────────────────

export type CheckInStatus = 'pending' | 'answered' | 'missed';

export interface CheckInAnswer {
  key: string;
  answer: string;
  /** `<platform>:<event id>` of the message or button that gave it (absent on older answers). */
  sourceEvent?: string;
}

/** Why the coordinator should look: a low score, a wish to talk, or fewer visits wanted. */
export type CheckInFlag = 'low_score' | 'wants_talk' | 'fewer_visits';
export type CheckInReason = 'cadence' | 'on_demand';

export interface CheckIn {
  id: Id;
  personId: Id;
  areaId: Id;
  due: Date;
  status: CheckInStatus;
  answers: CheckInAnswer[];
  score?: number;
  followUp: boolean;
  flags: CheckInFlag[];
  reason?: CheckInReason;
  /** The coordinator who asked for it ("check-in med Birgit"). */
  requestedBy?: Id;
  /** The question waiting for an answer; absent before the first question and after the last. */
  step?: string;
  askedAt?: Date;
  remindedAt?: Date;
  /** The latest question asked or answered, so the reminder counts 24 hours from there. */
  lastActivityAt?: Date;
  answeredAt?: Date;
  /** What the coordinator decided about "fewer visits". */
  capacityDecision?: 'lowered' | 'kept';
  createdAt: Date;
  updatedAt: Date;
  /** The coordinator's request (inbound event) that opened it, when one did. */
  sourceEvent?: string;
}

export interface NewCheckIn {
  personId: Id;
  areaId: Id;
  due: Date;
  reason?: CheckInReason;
  requestedBy?: Id;
  /** The coordinator's request (inbound event) that opened it: the same request again finds it. */
  sourceEvent?: string;
}

export interface CheckInChanges {
  status?: CheckInStatus;
  step?: string | null;
  askedAt?: Date;
  remindedAt?: Date;
  lastActivityAt?: Date;
  answeredAt?: Date;
  followUp?: boolean;
  capacityDecision?: 'lowered' | 'kept';
}

/** One answer, taken only while the check-in still waits for exactly that question. */
export interface CheckInAnswerInput {
  key: string;
  answer: string;
  nextStep: string | null;
  at: Date;
  score?: number;
  flag?: CheckInFlag;
  /** The inbound event that gave the answer, kept with it so the same event answers once. */
  sourceEvent?: string;
}

// ── Conversations ───────────────────────────────────────────────────────────────────────────────

/** Where a person is in a multi-step chat flow; expires on its own so abandoned flows vanish. */
export interface ConversationState {
  personId: Id;
  /** Platform-neutral conversation id, e.g. "slack:T1:D123" or "console:birgit". */
  conversationKey: string;
  flow: string;
  step: string;
  data: Record<string, unknown>;
  expiresAt: Date;
  updatedAt: Date;
}

export interface SaveConversationState {
  personId: Id;
  conversationKey: string;
  flow: string;
  step: string;
  data?: Record<string, unknown>;
  /** Seconds from now until the state is forgotten. */
  ttlSeconds: number;
}

/** How to reach a person proactively on one platform (whatever that adapter needs). */
export interface ConversationLink {
  personId: Id;
  platform: Platform;
  address: unknown;
  updatedAt: Date;
}

// ── Send ledger, processed events, audit ────────────────────────────────────────────────────────

/**
 * A send's life: `queued` (a job was asked for; nothing went out), `sending` (claimed by a worker:
 * may have reached the platform), then `sent`, `failed` (given up: unreachable, or out of
 * retries) or `skipped` (nothing left to say when it ran). `pending` is the former name of
 * `sending`, still found in older databases and read the same way.
 */
export type SendStatus = 'queued' | 'sending' | 'pending' | 'sent' | 'failed' | 'skipped';

export interface SendLedgerEntry {
  key: string;
  status: SendStatus;
  platform?: Platform;
  sentAt?: Date;
  /** Claims made on the key: 1 after the first, +1 for each retry after a failure. */
  attempts: number;
  /** When the current claim was made (the earliest a message of this send can be on the platform). */
  claimedAt?: Date;
  /** The job that delivers it (ids only), so a lost job can be queued again from MongoDB. */
  job?: { name: string; data: Record<string, unknown> };
  createdAt: Date;
  updatedAt: Date;
}

/** 'workspace': a Slack workspace or Teams tenant (e.g. refused because it is not allowed). */
export type AuditSubjectType =
  'resident' | 'person' | 'visit' | 'area' | 'meeting' | 'check_in' | 'workspace';
export type AuditPlatform = Platform | 'cli' | 'system';
/** Counts, flags and ids only: never names, addresses or notes. */
export type AuditDetailValue = number | boolean | string | string[] | null;

export interface AuditEvent {
  id: Id;
  at: Date;
  actorId?: Id;
  action: string;
  subjectType: AuditSubjectType;
  subjectId: Id;
  platform: AuditPlatform;
  details: Record<string, AuditDetailValue>;
}

export interface NewAuditEvent {
  actorId?: Id;
  action: string;
  subjectType: AuditSubjectType;
  subjectId: Id;
  platform: AuditPlatform;
  details?: Record<string, AuditDetailValue>;
  /**
   * The inbound event (`<platform>:<event id>`) whose turn made the change: recorded once per
   * event, action and subject, so a resumed or retried turn does not write a second entry.
   */
  sourceEvent?: string;
}

// ── Welcome folder (velkomstmappe) ──────────────────────────────────────────────────────────────

/** Who a contact in the folder is: ambassadors ask for them by what they do, not by name. */
export type WelcomeContactKind =
  'caretaker' | 'board' | 'social_worker' | 'doctor_on_call' | 'other';

export interface WelcomeContact {
  kind: WelcomeContactKind;
  /** As the coordinator wrote it: "varmemester Jens", "Lægevagten". */
  name: string;
  phone?: string;
  /** Free text: "hverdage 7-15". */
  hours?: string;
}

export interface WelcomeActivity {
  /** "madklub", "lektiecafé". */
  name: string;
  /** ISO weekday 1 (Monday) … 7 (Sunday) for a weekly activity. */
  weekday?: number;
  /** Local 'HH:MM'. */
  time?: string;
  place?: string;
  /** How the coordinator said when, kept for activities that are not weekly ("første lørdag"). */
  when?: string;
}

export interface WelcomeFolderContent {
  contacts: WelcomeContact[];
  activities: WelcomeActivity[];
  /** The welcome gift, e.g. "gavekort til Kvarterhusets café". */
  gift?: string;
}

export interface WelcomeFolder extends WelcomeFolderContent {
  areaId: Id;
  updatedAt: Date;
}

// ── Follow-up (opfølgning) from a visit ────────────────────────────────────────────────────────

export type FollowUpKind = 'problem' | 'interest';
export type FollowUpStatus = 'open' | 'closed';

export interface FollowUp {
  id: Id;
  areaId: Id;
  visitId: Id;
  kind: FollowUpKind;
  /** A short label, never the note: "el og lys", "madklub". */
  topic: string;
  /** The folder contact it was pointed to, if any (kind). */
  contactKind?: WelcomeContactKind;
  createdBy: Id;
  status: FollowUpStatus;
  closedBy?: Id;
  closedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewFollowUp {
  areaId: Id;
  visitId: Id;
  kind: FollowUpKind;
  topic: string;
  contactKind?: WelcomeContactKind;
  createdBy: Id;
}

// ── Community events (phase 2: courses, talks and social events for the ambassadors) ─────────

/** An ambassador's answer to an invitation: the three buttons. */
export type EventAnswer = 'coming' | 'not_coming' | 'maybe';

export interface EventInvitation {
  personId: Id;
  answer?: EventAnswer;
  answeredAt?: Date;
  /** Taken by the coordinator at or after the event; absent until then. */
  attended?: boolean;
}

export interface CommunityEvent {
  id: Id;
  areaIds: Id[];
  /** As the coordinator wrote it: "Kursus i konfliktnedtrapning". */
  title: string;
  startsAt: Date;
  endsAt?: Date;
  place?: string;
  createdBy: Id;
  invitations: EventInvitation[];
  /** Set when the invitations went out; until then the event is the coordinator's draft. */
  sentAt?: Date;
  /** Set when the reminder the day before has gone out, so a second run sends nothing. */
  reminderSentAt?: Date;
  createdAt: Date;
}

export interface NewCommunityEvent {
  areaIds: Id[];
  title: string;
  startsAt: Date;
  endsAt?: Date;
  place?: string;
  createdBy: Id;
  invitedPersonIds: Id[];
  /** The event whose turn drafts it: the same event again gets this draft back. */
  sourceEvent?: string;
}

// ── Accompaniment (følgeskab, phase 3): an ambassador goes along the first time ─────────────────

export type AccompanimentStatus = 'offered' | 'accepted' | 'declined';
/** fulgtes ad / kom ikke / klarede det selv. */
export type AccompanimentOutcome = 'went_together' | 'did_not_come' | 'went_alone';

export interface Accompaniment {
  id: Id;
  areaId: Id;
  visitId: Id;
  /** The folder activity the resident wants to join: "madklub". */
  topic: string;
  /** Who is asked now: first the visiting ambassador, then one who named the interest. */
  offeredTo: Id;
  declinedBy: Id[];
  status: AccompanimentStatus;
  outcome?: AccompanimentOutcome;
  createdAt: Date;
}
