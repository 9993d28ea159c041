import type { AttemptOutcome } from '../../models/types.js';
import { da as conversationDa } from './da.js';
import { en as conversationEn } from './en.js';
import { jobsDa, jobsEn } from './jobs.js';
import type { Locale } from './locale.js';

/**
 * Every sentence Nabo says, in Danish and English. Each feature keeps its messages in its own
 * module with a Danish part that defines the keys and an English part of exactly the same shape
 * (the compiler checks it), so no message exists in one language only. This file joins them.
 */
const daCatalog = { ...conversationDa, ...jobsDa };
const enCatalog: typeof daCatalog = { ...conversationEn, ...jobsEn };

export type Catalog = typeof daCatalog;

const catalogs: Record<Locale, Catalog> = { da: daCatalog, en: enCatalog };

export function catalogFor(locale: Locale): Catalog {
  return catalogs[locale];
}

export type OutcomeChoice = AttemptOutcome | 'not_home_folder';
