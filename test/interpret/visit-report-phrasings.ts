/**
 * Visit reports as ambassadors write them, with what Nabo must read from each. Every row is
 * asserted exactly (see visit-report.test.ts). Fixed clock: Friday 2026-11-27 10:00 in
 * Europe/Copenhagen, so "i morgen" = 2026-11-28, "mandag" = 2026-11-30, "onsdag" = 2026-12-02,
 * "fredag" (strictly after today) = 2026-12-04, "i weekenden" = 2026-11-28, "næste uge" = 2026-11-30.
 *
 * Defaults when a field is left out: folderLeft, revisitDate, note and household null;
 * isCorrection false; looksLikeReport = outcome, folderLeft or revisitDate set.
 * `hard` marks typos, missing æ/ø/å, two events, negations and slang.
 */
import type { VisitOutcome } from '../../src/interpret/index.js';

export const PHRASING_NOW = new Date('2026-11-27T10:00:00+01:00');
export const PHRASING_ZONE = 'Europe/Copenhagen';

export interface Phrasing {
  text: string;
  outcome: VisitOutcome | null;
  folderLeft?: boolean | null;
  revisitDate?: string | null;
  note?: string | null;
  household?: string | null;
  looksLikeReport?: boolean;
  isCorrection?: boolean;
  hard?: boolean;
}

export const PHRASINGS: readonly Phrasing[] = [
  // --- The brief's must-holds ---------------------------------------------------------------
  { text: 'ikke hjemme, lagde mappen i postkassen', outcome: 'not_home', folderLeft: true },
  { text: 'not home, left folder', outcome: 'not_home', folderLeft: true },
  { text: 'mødte dem', outcome: 'met' },
  {
    text: 'mødte dem, de vil gerne med i madklubben',
    outcome: 'met',
    note: 'de vil gerne med i madklubben',
  },
  { text: 'takkede nej', outcome: 'declined' },
  { text: 'forkert adresse', outcome: 'moved' },
  {
    text: 'var hjemme men havde ikke tid, kommer igen onsdag',
    outcome: 'postponed',
    revisitDate: '2026-12-02',
  },
  { text: 'ingen hjemme i går, men i dag mødte jeg dem', outcome: 'met', hard: true },
  { text: 'lagde IKKE mappen', outcome: null, folderLeft: false, hard: true },
  { text: 'hej 👋', outcome: null, looksLikeReport: false },
  { text: 'hvad er varmemesterens nummer?', outcome: null, looksLikeReport: false },

  // --- Not home -------------------------------------------------------------------------------
  { text: 'Ingen hjemme', outcome: 'not_home' },
  { text: 'ingen åbnede', outcome: 'not_home' },
  { text: 'ingen lukkede op', outcome: 'not_home' },
  { text: 'nobody home', outcome: 'not_home' },
  { text: 'no answer', outcome: 'not_home' },
  { text: 'de var ikke hjemme', outcome: 'not_home' },
  { text: 'var der ikke nogen hjemme', outcome: 'not_home' },
  { text: 'ikke hjemme i dag', outcome: 'not_home' },
  { text: 'intet svar', outcome: 'not_home' },
  { text: 'ingen reaktion på dørtelefonen', outcome: 'not_home' },
  { text: 'ringede på flere gange men ingen åbnede', outcome: 'not_home' },
  { text: 'mødte dem ikke', outcome: 'not_home', hard: true },
  { text: 'traf ingen', outcome: 'not_home' },
  { text: 'fik ikke fat i nogen', outcome: 'not_home' },
  { text: 'aabnede ikke', outcome: 'not_home', hard: true },
  { text: 'de åbnede desværre ikke', outcome: 'not_home' },
  { text: 'no one answered the door', outcome: 'not_home' },
  { text: 'rang the bell but nobody answered', outcome: 'not_home' },
  { text: "nobody's home", outcome: 'not_home', hard: true },
  { text: "they weren't in", outcome: 'not_home', hard: true },
  {
    text: "couldn't catch them, left the folder",
    outcome: 'not_home',
    folderLeft: true,
    hard: true,
  },
  {
    text: 'no luck today, popped the folder through the door',
    outcome: 'not_home',
    folderLeft: true,
    hard: true,
  },
  { text: 'de er på ferie, lagde mappen', outcome: 'not_home', folderLeft: true },

  // --- Met --------------------------------------------------------------------------------------
  { text: 'snakkede med hende i døren, hun var glad for mappen', outcome: 'met', folderLeft: true },
  { text: 'de lukkede op og jeg gav dem mappen', outcome: 'met', folderLeft: true },
  { text: 'hun var hjemme og glad', outcome: 'met' },
  { text: 'var hjemme', outcome: 'met' },
  { text: 'var inde til kaffe hos familien Hansen', outcome: 'met', household: 'familien Hansen' },
  { text: 'gav dem mappen', outcome: 'met', folderLeft: true },
  { text: 'mødte ham, han tog imod mappen', outcome: 'met', folderLeft: true },
  { text: 'hjemme, snakkede lidt i døren', outcome: 'met' },
  {
    text: 'ingen hjemme i går. i dag var hun hjemme og vi fik en god snak',
    outcome: 'met',
    hard: true,
  },
  {
    text: 'vi snakkede længe, de kommer fra Syrien og har 3 børn',
    outcome: 'met',
    note: 'de kommer fra Syrien og har 3 børn',
  },
  {
    text: 'moedte hende, hun vil gerne have varmemesterens nummer',
    outcome: 'met',
    note: 'hun vil gerne have varmemesterens nummer',
    hard: true,
  },
  { text: 'de er lige flyttet ind og var rigtig glade for besøget', outcome: 'met', hard: true },
  { text: 'mødte dem, ses på tirsdag til kaffe', outcome: 'met', revisitDate: '2026-12-01' },
  { text: 'Mødte Dem 😊 Super Søde', outcome: 'met', hard: true },
  { text: 'met em, lovely couple', outcome: 'met', note: 'lovely couple', hard: true },
  {
    text: 'chatted w/ them for a bit, they want to join the dinner club',
    outcome: 'met',
    note: 'they want to join the dinner club',
    hard: true,
  },
  { text: 'had a cuppa with the family 👍', outcome: 'met', hard: true },
  { text: 'she opened the door and we had a nice chat', outcome: 'met' },
  {
    text: 'first time no answer, second time they opened and invited me in',
    outcome: 'met',
    hard: true,
  },
  { text: 'tried monday, nobody home. today met the mum', outcome: 'met', hard: true },
  { text: 'besøget gik godt, de var søde', outcome: 'met' },
  {
    text: 'talked to the dad, lamp in the kitchen is broken',
    outcome: 'met',
    note: 'lamp in the kitchen is broken',
  },

  // --- Declined ---------------------------------------------------------------------------------
  { text: 'ville ikke', outcome: 'declined' },
  { text: 'ikke interesseret', outcome: 'declined' },
  { text: 'smækkede døren i', outcome: 'declined' },
  { text: 'declined', outcome: 'declined' },
  { text: 'not interested', outcome: 'declined' },
  { text: 'hun ville ikke åbne', outcome: 'declined' },
  { text: 'ville ikke snakke, lagde mappen alligevel', outcome: 'declined', folderLeft: true },
  { text: 'ville ikke have mappen', outcome: 'declined', folderLeft: false, hard: true },
  { text: 'de takkede nej til mappen', outcome: 'declined', folderLeft: false, hard: true },
  { text: 'they said no thx', outcome: 'declined', hard: true },
  { text: 'not interested lol', outcome: 'declined', hard: true },
  { text: 'slammed the door in my face', outcome: 'declined', hard: true },
  { text: "didn't want to talk", outcome: 'declined', hard: true },
  { text: 'declined politely, said maybe later', outcome: 'declined', looksLikeReport: true },
  { text: 'ikke hjemme i mandags, i dag takkede de nej', outcome: 'declined', hard: true },
  { text: 'takkde nej', outcome: 'declined', hard: true },
  { text: 'de havde ikke lyst til besøg', outcome: 'declined' },

  // --- Moved / wrong address / empty ----------------------------------------------------------
  { text: 'flyttet', outcome: 'moved' },
  { text: 'tom lejlighed', outcome: 'moved' },
  { text: 'står tom', outcome: 'moved' },
  { text: 'bor der ikke', outcome: 'moved' },
  { text: 'wrong address', outcome: 'moved' },
  { text: 'moved out', outcome: 'moved' },
  { text: 'they moved out', outcome: 'moved' },
  { text: 'wrong flat', outcome: 'moved' },
  { text: 'flat is empty', outcome: 'moved' },
  { text: 'lejligheden står tom', outcome: 'moved' },
  { text: 'familien er flyttet væk igen', outcome: 'moved' },
  { text: 'de er flyttet, der bor en anden nu', outcome: 'moved' },
  { text: 'ikke flyttet ind endnu', outcome: 'moved', hard: true },
  { text: 'forkert adrese', outcome: 'moved', hard: true },
  { text: 'Rettelse: forkert adresse', outcome: 'moved', isCorrection: true },

  // --- Postponed ------------------------------------------------------------------------------
  { text: 'bad mig komme igen i morgen', outcome: 'postponed', revisitDate: '2026-11-28' },
  { text: 'asked me to come back tomorrow', outcome: 'postponed', revisitDate: '2026-11-28' },
  {
    text: 'hun lukkede op men havde travlt, skal komme igen i overmorgen',
    outcome: 'postponed',
    revisitDate: '2026-11-29',
  },
  {
    text: 'manden var syg, aftalte at komme igen næste uge',
    outcome: 'postponed',
    revisitDate: '2026-11-30',
  },
  { text: 'de havde gæster, kom igen en anden dag', outcome: 'postponed' },
  {
    text: 'passede ikke lige nu, prøver igen i morgen eftermiddag',
    outcome: 'postponed',
    revisitDate: '2026-11-28',
  },
  {
    text: 'det passede dårligt, hun sagde jeg skulle komme igen på søndag',
    outcome: 'postponed',
    revisitDate: '2026-11-29',
  },
  { text: 'bad mig komme tilbage torsdag kl. 18', outcome: 'postponed', revisitDate: '2026-12-03' },
  { text: 'not a good time, come back friday', outcome: 'postponed', revisitDate: '2026-12-04' },
  {
    text: 'they were on their way out, asked me to come back on saturday',
    outcome: 'postponed',
    revisitDate: '2026-11-28',
  },
  {
    text: 'they were busy, asked me to come back tmrw',
    outcome: 'postponed',
    revisitDate: '2026-11-28',
    hard: true,
  },
  {
    text: 'was home but no time, come back on monday',
    outcome: 'postponed',
    revisitDate: '2026-11-30',
    hard: true,
  },
  {
    text: 'var hjemme men havde ikk tid, kommer igen onsdg',
    outcome: 'postponed',
    revisitDate: '2026-12-02',
    hard: true,
  },

  // --- Not home with a return visit (not postponed) ------------------------------------------
  {
    text: 'ikke hjemme, kommer igen i morgen',
    outcome: 'not_home',
    revisitDate: '2026-11-28',
    hard: true,
  },
  { text: 'ikke hjemme, prøver igen på mandag', outcome: 'not_home', revisitDate: '2026-11-30' },
  {
    text: 'ingen hjemme. lagde mappen. prøver igen torsdag kl 17',
    outcome: 'not_home',
    folderLeft: true,
    revisitDate: '2026-12-03',
  },
  { text: 'nobody home, will try again on friday', outcome: 'not_home', revisitDate: '2026-12-04' },
  { text: 'not home, try again next week', outcome: 'not_home', revisitDate: '2026-11-30' },
  { text: 'ikke hjemme, kommer igen om en uge', outcome: 'not_home', revisitDate: '2026-12-04' },
  { text: 'ikke hjemme, prøver igen om 3 dage', outcome: 'not_home', revisitDate: '2026-11-30' },
  { text: 'not home, back in 2 days', outcome: 'not_home', revisitDate: '2026-11-29' },
  { text: 'ikke hjemme, prøver i weekenden', outcome: 'not_home', revisitDate: '2026-11-28' },
  { text: 'no answer, will try this weekend', outcome: 'not_home', revisitDate: '2026-11-28' },
  { text: 'ikke hjemme, kommer igen d. 3.', outcome: 'not_home', revisitDate: '2026-12-03' },
  { text: 'not home, coming back on the 3rd', outcome: 'not_home', revisitDate: '2026-12-03' },
  { text: 'ikke hjemme, kommer igen 3/12', outcome: 'not_home', revisitDate: '2026-12-03' },
  { text: 'ingen hjemme, prøver igen 3. december', outcome: 'not_home', revisitDate: '2026-12-03' },
  { text: 'nobody in, will come back december 3', outcome: 'not_home', revisitDate: '2026-12-03' },
  { text: 'ikke hjemme, prøver senere', outcome: 'not_home' },
  { text: 'not home, will try later', outcome: 'not_home' },
  { text: 'ikke hjemme, prøver igen i overmorgen', outcome: 'not_home', revisitDate: '2026-11-29' },
  { text: 'not home, try again in a week', outcome: 'not_home', revisitDate: '2026-12-04' },
  { text: 'ingen hjemme, kommer igen næste måned', outcome: 'not_home', revisitDate: '2026-12-01' },
  {
    text: 'ikke hjemme, vender tilbage om 14 dage',
    outcome: 'not_home',
    revisitDate: '2026-12-11',
  },
  { text: 'ikke hjemme, prøver igen i dag kl 18', outcome: 'not_home', revisitDate: '2026-11-27' },
  { text: 'ikke hjemme, kommer igen den 28.', outcome: 'not_home', revisitDate: '2026-11-28' },
  { text: 'nobody home, coming back next friday', outcome: 'not_home', revisitDate: '2026-12-04' },
  { text: 'ikke hjemme, prøver igen 1. januar', outcome: 'not_home', revisitDate: '2027-01-01' },
  { text: 'ikke hjemme, kommer igen d. 15', outcome: 'not_home', revisitDate: '2026-12-15' },
  {
    text: 'not home, will pop back sunday afternoon',
    outcome: 'not_home',
    revisitDate: '2026-11-29',
  },
  {
    text: 'ikke hjemme, kommer forbi igen imorgen',
    outcome: 'not_home',
    revisitDate: '2026-11-28',
    hard: true,
  },
  { text: 'ikke hjemme 😕 kommer igen i morgen', outcome: 'not_home', revisitDate: '2026-11-28' },
  {
    text: 'Ikke hjemme - mappe lagt i postkassen - prøver igen d. 5.',
    outcome: 'not_home',
    folderLeft: true,
    revisitDate: '2026-12-05',
  },
  {
    text: 'knocked twice, no answer, will try again tomorrow',
    outcome: 'not_home',
    revisitDate: '2026-11-28',
  },
  { text: 'kommer igen onsdag', outcome: null, revisitDate: '2026-12-02', looksLikeReport: true },
  { text: 'paa mandag kommer jeg igen', outcome: null, revisitDate: '2026-11-30', hard: true },
  { text: 'mandag var de ikke hjemme', outcome: 'not_home', hard: true },
  { text: 'i går var de ikke hjemme, lagde mappen', outcome: 'not_home', folderLeft: true },

  // --- Typos, no æ/ø/å, caps, abbreviations ---------------------------------------------------
  { text: 'modte dem', outcome: 'met', hard: true },
  { text: 'moedte familien', outcome: 'met', hard: true },
  { text: 'ik hjemme', outcome: 'not_home', hard: true },
  { text: 'ikk hjem, mapen i postkassen', outcome: 'not_home', folderLeft: true, hard: true },
  { text: 'ikek hjemme', outcome: 'not_home', hard: true },
  { text: 'ikke hjemmme', outcome: 'not_home', hard: true },
  { text: 'ingn hjemme', outcome: 'not_home', hard: true },
  { text: 'snakkde med dem', outcome: 'met', hard: true },
  { text: 'lagde mappn i postkasen', outcome: null, folderLeft: true, hard: true },
  { text: 'INGEN HJEMME!!', outcome: 'not_home' },
  { text: 'IKKE HJEMME. LAGDE MAPPEN', outcome: 'not_home', folderLeft: true },
  {
    text: 'ikke hjemme, proever igen paa fredag',
    outcome: 'not_home',
    revisitDate: '2026-12-04',
    hard: true,
  },
  { text: 'ingen aabnede, mappe i postkasse', outcome: 'not_home', folderLeft: true, hard: true },
  { text: 'de var ikk hjemme saa lagde mappen', outcome: 'not_home', folderLeft: true, hard: true },
  { text: 'stod tom, forkert adr', outcome: 'moved', hard: true },

  // --- The folder -----------------------------------------------------------------------------
  { text: 'ikke hjemme og lagde ikke mappen', outcome: 'not_home', folderLeft: false, hard: true },
  {
    text: 'lagde ik mappen, kommer igen i morgen',
    outcome: null,
    folderLeft: false,
    revisitDate: '2026-11-28',
    hard: true,
  },
  {
    text: 'har ikke mappen med, kommer igen fredag',
    outcome: null,
    folderLeft: false,
    revisitDate: '2026-12-04',
  },
  { text: 'uden mappe', outcome: null, folderLeft: false },
  { text: 'glemte mappen 🙈', outcome: null, folderLeft: false },
  { text: "didn't leave anything", outcome: null, folderLeft: false, hard: true },
  {
    text: 'didnt leave the folder, nobody home',
    outcome: 'not_home',
    folderLeft: false,
    hard: true,
  },
  {
    text: 'nobody home so I put it in the mailbox',
    outcome: 'not_home',
    folderLeft: true,
    hard: true,
  },
  { text: 'left the welcome pack', outcome: null, folderLeft: true },
  {
    text: 'dropped the folder through the letterbox, no answer',
    outcome: 'not_home',
    folderLeft: true,
  },
  { text: 'afleverede mappen', outcome: null, folderLeft: true },
  { text: 'ikke hjemme, lagde mit visitkort', outcome: 'not_home', note: 'lagde mit visitkort' },
  {
    text: 'ikke hjemme, lagde mappe og visitkort i postkassen',
    outcome: 'not_home',
    folderLeft: true,
  },
  { text: 'var ikke hjemme. Lagde velkomstmappen + kort', outcome: 'not_home', folderLeft: true },
  { text: 'mappe afleveret ✅', outcome: null, folderLeft: true },
  { text: 'løbet tør for mapper, ingen hjemme', outcome: 'not_home', folderLeft: false },

  // --- Corrections ----------------------------------------------------------------------------
  { text: 'nej, jeg lagde ikke mappen', outcome: null, folderLeft: false, isCorrection: true },
  { text: 'rettelse: de var hjemme', outcome: 'met', isCorrection: true },
  { text: 'sorry I meant they were home', outcome: 'met', isCorrection: true, hard: true },
  { text: 'actually nobody was home', outcome: 'not_home', isCorrection: true, hard: true },
  { text: 'ups, mente ikke hjemme', outcome: 'not_home', isCorrection: true, hard: true },
  { text: 'nej, de var ikke hjemme', outcome: 'not_home', isCorrection: true },

  // --- Household mentions ---------------------------------------------------------------------
  { text: 'Hansen ikke hjemme', outcome: 'not_home', household: 'Hansen' },
  { text: 'familien Hansen: mødte dem', outcome: 'met', household: 'familien Hansen' },
  { text: 'Solvænget 3 - ingen hjemme', outcome: 'not_home', household: 'Solvænget 3' },
  {
    text: 'solvaenget 3, 1. th: takkede nej',
    outcome: 'declined',
    household: 'solvaenget 3, 1. th',
    hard: true,
  },
  { text: '2. th var ikke hjemme', outcome: 'not_home', household: '2. th' },
  { text: 'st. tv mødte dem', outcome: 'met', household: 'st. tv' },
  { text: 'nr 12 flyttet', outcome: 'moved', household: 'nr 12' },
  {
    text: 'Mødte Fatima på 3. sal, hun vil gerne med til fællesspisning',
    outcome: 'met',
    household: 'Fatima på 3. sal',
    note: 'hun vil gerne med til fællesspisning',
  },
  {
    text: 'christensen var ikke hjemme',
    outcome: 'not_home',
    household: 'christensen',
    hard: true,
  },
  {
    text: 'hos Jensen: ingen åbnede, mappe i postkassen',
    outcome: 'not_home',
    folderLeft: true,
    household: 'Jensen',
  },
  {
    text: 'Ove og Else Christensen var hjemme, drak kaffe',
    outcome: 'met',
    household: 'Ove og Else Christensen',
  },
  { text: "the Smiths weren't home", outcome: 'not_home', household: 'Smiths' },
  { text: 'Birkevej 14B ingen hjemme', outcome: 'not_home', household: 'Birkevej 14B' },
  {
    text: 'Gellerupparken 7, st. th - flyttet',
    outcome: 'moved',
    household: 'Gellerupparken 7, st. th',
  },
  {
    text: 'Met the Nguyen family, they need help with the washing machine',
    outcome: 'met',
    household: 'Nguyen family',
    note: 'they need help with the washing machine',
  },
  {
    text: 'Fatima var hjemme, hun vil gerne have en dansk-ven',
    outcome: 'met',
    household: 'Fatima',
    note: 'hun vil gerne have en dansk-ven',
  },

  // --- Not reports ------------------------------------------------------------------------------
  { text: 'hej', outcome: null, looksLikeReport: false },
  { text: 'tak for hjælpen', outcome: null, looksLikeReport: false },
  { text: 'hvornår er næste netværksmøde?', outcome: null, looksLikeReport: false },
  { text: 'kan jeg få flere mapper?', outcome: null, looksLikeReport: false },
  { text: 'godmorgen ☀️', outcome: null, looksLikeReport: false },
  { text: '', outcome: null, looksLikeReport: false },
  {
    text: 'hvad gør jeg hvis de ikke er hjemme?',
    outcome: null,
    looksLikeReport: false,
    hard: true,
  },
  { text: '<!channel> hej alle', outcome: null, looksLikeReport: false },
  { text: '{"$where": "sleep(1000)"}', outcome: null, looksLikeReport: false },
  { text: 'ok', outcome: null, looksLikeReport: false },
  { text: '👍', outcome: null, looksLikeReport: false },
  { text: 'jeg kan tage 3 om måneden', outcome: null, looksLikeReport: false },
  { text: 'pause til 1. januar', outcome: null, looksLikeReport: false },
  { text: "What is the caretaker's number?", outcome: null, looksLikeReport: false },
  { text: 'Hvor ligger vaskeriet?', outcome: null, looksLikeReport: false },
];
