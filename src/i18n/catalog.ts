import { da as conversationDa } from './da.js';
import { en as conversationEn } from './en.js';
import { jobsDa, jobsEn } from '../assignment/messages.js';
import { privacyDa, privacyEn } from '../privacy/messages.js';
import { programmeReportDa, programmeReportEn } from '../programme-report/messages.js';
import { checkInsDa, checkInsEn } from '../check-ins/messages.js';
import { meetingsDa, meetingsEn, statusDa, statusEn } from '../meetings/messages.js';
import { coordinatorDa, coordinatorEn } from '../corps/messages.js';
import { residentListDa, residentListEn } from '../resident-list/messages.js';
import { welcomeFolderDa, welcomeFolderEn } from '../welcome-folder/messages.js';
import { eventsDa, eventsEn } from '../events/messages.js';
import { accompanimentDa, accompanimentEn } from '../accompaniment/messages.js';
import type { Locale } from './locale.js';

/**
 * Every sentence Nabo says, in Danish and English. Each feature keeps its messages in its own
 * module with a Danish part that defines the keys and an English part of exactly the same shape
 * (the compiler checks it), so no message exists in one language only. This file joins them.
 */
const daCatalog = {
  ...conversationDa,
  ...jobsDa,
  ...meetingsDa,
  ...statusDa,
  ...checkInsDa,
  ...privacyDa,
  ...coordinatorDa,
  ...residentListDa,
  ...welcomeFolderDa,
  ...programmeReportDa,
  ...eventsDa,
  ...accompanimentDa,
};
const enCatalog: typeof daCatalog = {
  ...conversationEn,
  ...jobsEn,
  ...meetingsEn,
  ...statusEn,
  ...checkInsEn,
  ...privacyEn,
  ...coordinatorEn,
  ...residentListEn,
  ...welcomeFolderEn,
  ...programmeReportEn,
  ...eventsEn,
  ...accompanimentEn,
};

export type Catalog = typeof daCatalog;

const catalogs: Record<Locale, Catalog> = { da: daCatalog, en: enCatalog };

export function catalogFor(locale: Locale): Catalog {
  return catalogs[locale];
}

export type { OutcomeChoice } from '../../kernel/door-outcomes.js';
