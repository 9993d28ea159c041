/**
 * Whether the welcome folder (velkomstmappe) was left. Negations are read first ("lagde IKKE
 * mappen", "didn't leave anything", "uden mappe", "har ikke mappen med", "glemte mappen"), then
 * leaving it ("lagde mappen i postkassen", "gav dem mappen", "put it in the mailbox"); a folder
 * simply mentioned in a report counts as left ("mappe i postkassen", "de var glade for mappen").
 *
 * Decision: a business card (visitkort) alone is not the folder. "lagde mit visitkort" leaves
 * folderLeft null (the text does not say) and keeps the card in the note; "mappen og visitkort"
 * counts as the folder.
 */
import type { Analysis } from './analysis.js';
import { latestOf } from './outcome.js';
import { CARD_ONLY_PHRASES, FOLDER_LEFT_PHRASES, FOLDER_NOT_LEFT_PHRASES } from './phrases.js';

export interface FolderSignal {
  readonly left: boolean;
  readonly start: number;
  readonly clause: number;
}

export interface FolderFindings {
  readonly signals: FolderSignal[];
  /** A business card was left (the message is about a visit, but says nothing of the folder). */
  readonly cardOnly: boolean;
}

export function findFolderSignals(analysis: Analysis): FolderFindings {
  const layer = analysis.layer({ skipQuestions: true });
  const signals: FolderSignal[] = [];
  for (const phrase of FOLDER_NOT_LEFT_PHRASES) {
    for (const m of layer.find(phrase))
      signals.push({ left: false, start: m.start, clause: m.clause });
  }
  // "visitkort og mappe" (the first left-phrase that names a card) before the card-only phrases.
  const [first, ...rest] = FOLDER_LEFT_PHRASES;
  const leftPhrases = first ? [first, ...rest] : [];
  for (const m of leftPhrases.slice(0, 4).flatMap((p) => layer.find(p))) {
    signals.push({ left: true, start: m.start, clause: m.clause });
  }
  // The card stays in the note: it is worth knowing, and it is not the folder.
  const cardOnly = CARD_ONLY_PHRASES.some((p) => layer.find(p, { claim: 'layer' }).length > 0);
  for (const m of leftPhrases.slice(4).flatMap((p) => layer.find(p))) {
    signals.push({ left: true, start: m.start, clause: m.clause });
  }
  return { signals, cardOnly };
}

/** The latest statement about the folder wins, as for outcomes. */
export function decideFolderLeft(
  signals: readonly FolderSignal[],
  clauseRank: (clause: number) => number,
): boolean | null {
  return latestOf(signals, clauseRank)?.left ?? null;
}
