import type { AttemptOutcome } from '../../models/types.js';
import type { AmbassadorKey } from '../support/phrasing-estate.js';

/**
 * What ambassadors write about a visit, and what Nabo must make of it, against the estate in
 * test/support/phrasing-estate.ts. Written the way volunteers write on a phone: lower case,
 * typos, no æ/ø/å, emoji, English now and then.
 *
 * The chats stand on Friday 27 November 2026, 10:00 in Copenhagen: "i morgen" and "lørdag" are
 * 2026-11-28, "mandag" and "næste uge" 2026-11-30, "tirsdag" 2026-12-01, "onsdag" 2026-12-02,
 * "torsdag" 2026-12-03, "fredag" 2026-12-04.
 *
 * A row's `household` is the key of the household that must get the report (several keys: one
 * report each), or what Nabo must do instead: 'ask' (which household? — with buttons for
 * `offered`, all the ambassador's households when left out) or 'not_on_list' ("<quoted> er
 * ikke på din liste", with the list). Nothing may be recorded for those.
 * Left out: `folder` is null (not said); `revisit` is the area's default next try (Monday 30
 * November) after "not home" and "come back", none after met, declined and moved. An `outcome`
 * of null means the household is clear and Nabo asks how it went (nothing recorded yet).
 * `before` runs first in the same conversation: earlier messages, a button, or a revisit
 * reminder about a household arriving (as the job sends it).
 */
export const PHRASING_TABLE_NOW = '2026-11-27T10:00:00+01:00';
export const DEFAULT_REVISIT = '2026-11-30';

export type Step = { write: string } | { press: string } | { remind: string };

export interface PhrasingRow {
  who: AmbassadorKey;
  text: string;
  household: string | string[] | 'ask' | 'not_on_list';
  outcome?: AttemptOutcome | null | (AttemptOutcome | null)[];
  folder?: boolean | null | (boolean | null)[];
  revisit?: string | null | (string | null)[];
  before?: Step[];
  offered?: string[];
  quoted?: string;
}

const B = 'birgit';
const A = 'ahmed';
const L = 'lise';
const I = 'ib';
const K = 'karen';

// One row per line, so the table reads as a table.
// prettier-ignore
export const PHRASING_ROWS: readonly PhrasingRow[] = [
  // ── Birgit: first names, lower case, the other person of the household ───────────────────────
  { who: B, text: 'sara var syg', household: 'holm', outcome: 'postponed' },
  { who: B, text: 'mikkel sagde nej tak', household: 'holm', outcome: 'declined' },
  { who: B, text: 'else åbnede, vi fik kaffe', household: 'christensen', outcome: 'met' },
  { who: B, text: 'Else åbnede døren og var glad for mappen', household: 'christensen', outcome: 'met', folder: true },
  { who: B, text: 'ove og else var hjemme 😊', household: 'christensen', outcome: 'met' },
  { who: B, text: 'mødte ove', household: 'christensen', outcome: 'met' },
  { who: B, text: 'jonas ik hjemme', household: 'madsen', outcome: 'not_home' },
  { who: B, text: 'jonas var ikke hjemme, kommer igen på mandag', household: 'madsen', outcome: 'not_home', revisit: '2026-11-30' },
  { who: B, text: 'mødte kasper, flink fyr', household: 'andersen', outcome: 'met' },
  { who: B, text: 'kasper takkede nej', household: 'andersen', outcome: 'declined' },
  { who: B, text: 'Kasper var ikke hjemme, smed mappen i postkassen', household: 'andersen', outcome: 'not_home', folder: true },
  { who: B, text: 'kasper ikk hjemme lagde mapen', household: 'andersen', outcome: 'not_home', folder: true },
  { who: B, text: 'mødte sara og mikkel 😊 de vil gerne med i madklubben', household: 'holm', outcome: 'met' },
  { who: B, text: 'Mødte Sara Holm og Mikkel Berg', household: 'holm', outcome: 'met' },
  { who: B, text: 'sara bad mig komme igen i morgen', household: 'holm', outcome: 'postponed', revisit: '2026-11-28' },
  { who: B, text: 'mikkel havde travlt, kommer igen onsdag', household: 'holm', outcome: 'postponed', revisit: '2026-12-02' },
  { who: B, text: 'sara sagde kom igen på lørdag', household: 'holm', outcome: 'postponed', revisit: '2026-11-28' },
  { who: B, text: 'Ove var syg, kommer igen næste uge', household: 'christensen', outcome: 'postponed', revisit: '2026-11-30' },
  { who: B, text: 'Jonas har fået mappen', household: 'madsen', outcome: null },
  { who: B, text: 'var forbi sara, vil gerne høre om lektiecafeen', household: 'holm', outcome: null },
  { who: B, text: 'jonas mødt. han vil gerne i madklubben', household: 'madsen', outcome: 'met' },
  { who: B, text: 'Jonas er flyttet, der bor en anden', household: 'madsen', outcome: 'moved' },
  { who: B, text: 'MØDTE JONAS', household: 'madsen', outcome: 'met' },
  { who: B, text: 'sara: ingen hjemme 🙁', household: 'holm', outcome: 'not_home' },
  { who: B, text: 'Kasper 👍 mødt', household: 'andersen', outcome: 'met' },
  { who: B, text: '👍 mødte jonas', household: 'madsen', outcome: 'met' },
  { who: B, text: 'ikke hjemme hos ove og else, lagde mappen', household: 'christensen', outcome: 'not_home', folder: true },
  { who: B, text: 'ingen åbnede hos sara & mikkel', household: 'holm', outcome: 'not_home' },
  { who: B, text: 'mikkels dør, ingen åbnede', household: 'holm', outcome: 'not_home' },
  { who: B, text: 'hos jonas ingen hjemme, prøver igen tirsdag', household: 'madsen', outcome: 'not_home', revisit: '2026-12-01' },

  // ── Birgit: surnames, genitive and plural, typos, no diacritics ───────────────────────────────
  { who: B, text: 'Christiansen ikke hjemme', household: 'christensen', outcome: 'not_home' },
  { who: B, text: 'kristensen ikke hjemme, smed mappen', household: 'christensen', outcome: 'not_home', folder: true },
  { who: B, text: 'christensens ikke hjemme igen', household: 'christensen', outcome: 'not_home' },
  { who: B, text: 'christensen ikk hjemm', household: 'christensen', outcome: 'not_home' },
  { who: B, text: 'mødte Christensen, de vil gerne med i madklubben', household: 'christensen', outcome: 'met' },
  { who: B, text: 'christensen mødt 👍', household: 'christensen', outcome: 'met' },
  { who: B, text: 'familien Christensen var på ferie', household: 'christensen', outcome: 'not_home' },
  { who: B, text: 'var hos Christensen, de havde ikke tid, kommer igen fredag', household: 'christensen', outcome: 'postponed', revisit: '2026-12-04' },
  { who: B, text: 'christensen havde gæster, prøver igen i morgen', household: 'christensen', outcome: 'postponed', revisit: '2026-11-28' },
  { who: B, text: 'andersens mødt', household: 'andersen', outcome: 'met' },
  { who: B, text: 'Andersen sagde nej tak', household: 'andersen', outcome: 'declined' },
  { who: B, text: 'andersen bor der ikke mere', household: 'andersen', outcome: 'moved' },
  { who: B, text: 'kasper andersen flyttet', household: 'andersen', outcome: 'moved' },
  { who: B, text: 'ANDERSEN IKKE HJEMME', household: 'andersen', outcome: 'not_home' },
  { who: B, text: 'andrsen ikke hjemme', household: 'andersen', outcome: 'not_home' },
  { who: B, text: 'kaspar ikke hjemme', household: 'andersen', outcome: 'not_home' },
  { who: B, text: 'Madsens ikke hjemme, kommer igen mandag', household: 'madsen', outcome: 'not_home', revisit: '2026-11-30' },
  { who: B, text: 'ingen hjemme hos madsen', household: 'madsen', outcome: 'not_home' },
  { who: B, text: 'madsn ikke hjemme', household: 'madsen', outcome: 'not_home' },
  { who: B, text: 'fam. madsen flyttet', household: 'madsen', outcome: 'moved' },
  { who: B, text: 'Madsen - forkert adresse', household: 'madsen', outcome: 'moved' },
  { who: B, text: 'Holm ikke hjemme', household: 'holm', outcome: 'not_home' },
  { who: B, text: 'berg ikke hjemme', household: 'holm', outcome: 'not_home' },
  { who: B, text: 'Berg: takkede nej', household: 'holm', outcome: 'declined' },
  { who: B, text: 'holm/berg ikke hjemme, mappe i postkassen', household: 'holm', outcome: 'not_home', folder: true },
  { who: B, text: 'holms var ikke hjemme', household: 'holm', outcome: 'not_home' },
  { who: B, text: 'Sara Holm: mødt', household: 'holm', outcome: 'met' },
  { who: B, text: 'ove christensen mødt', household: 'christensen', outcome: 'met' },
  { who: B, text: 'Jonas Madsen ikke hjemme, lagde mappen', household: 'madsen', outcome: 'not_home', folder: true },
  { who: B, text: 'mødte e. christensen', household: 'christensen', outcome: 'met' },
  { who: B, text: 'Ove Ch. ikke hjemme', household: 'christensen', outcome: 'not_home' },
  { who: B, text: 'Gudrunsvej10 1th mødt', household: 'christensen', outcome: 'met' },
  { who: B, text: 'gudrunsve 14 st th ingen hjemme', household: 'andersen', outcome: 'not_home' },

  // ── Birgit: initials ──────────────────────────────────────────────────────────────────────────
  { who: B, text: 'O.C. ikke hjemme', household: 'christensen', outcome: 'not_home' },
  { who: B, text: 'JM ikke hjemme', household: 'madsen', outcome: 'not_home' },
  { who: B, text: 'KA takkede nej', household: 'andersen', outcome: 'declined' },
  { who: B, text: 'mødte S.H. og M.B. 🙂', household: 'holm', outcome: 'met' },

  // ── Birgit: addresses in every order and spelling ─────────────────────────────────────────────
  { who: B, text: 'nr 14 2 th mødt', household: 'holm', outcome: 'met' },
  { who: B, text: '14 2th ingen hjemme', household: 'holm', outcome: 'not_home' },
  { who: B, text: 'nr14 2th ikke hjemme', household: 'holm', outcome: 'not_home' },
  { who: B, text: 'nr. 14, 2. th: ikke hjemme', household: 'holm', outcome: 'not_home' },
  { who: B, text: '2. th i 14 ikke hjemme', household: 'holm', outcome: 'not_home' },
  { who: B, text: 'opgang 14 2 th ikke hjemme', household: 'holm', outcome: 'not_home' },
  { who: B, text: '2 th: ikke hjemme', household: 'holm', outcome: 'not_home' },
  { who: B, text: '2.th mødt, søde mennesker', household: 'holm', outcome: 'met' },
  { who: B, text: 'ikke hjemme på 2. sal', household: 'holm', outcome: 'not_home' },
  { who: B, text: 'anden sal th: ikke hjemme', household: 'holm', outcome: 'not_home' },
  { who: B, text: 'stuen th på 14: ikke hjemme', household: 'andersen', outcome: 'not_home' },
  { who: B, text: 'st.th. ikke hjemme, lagde mappen', household: 'andersen', outcome: 'not_home', folder: true },
  { who: B, text: 'st th mødt', household: 'andersen', outcome: 'met' },
  { who: B, text: 'st. th. mødt', household: 'andersen', outcome: 'met' },
  { who: B, text: 'stuen mødt', household: 'andersen', outcome: 'met' },
  { who: B, text: 'gudrunsvej 14 st th mødt', household: 'andersen', outcome: 'met' },
  { who: B, text: 'gudrunsvej 14, 2. th - ikke hjemme, mappe i postkassen', household: 'holm', outcome: 'not_home', folder: true },
  { who: B, text: 'Gudrunsvej 10, 3. tv var ikke hjemme', household: 'madsen', outcome: 'not_home' },
  { who: B, text: '3. sal tv ikke hjemme', household: 'madsen', outcome: 'not_home' },
  { who: B, text: '3 sal ikke hjemme', household: 'madsen', outcome: 'not_home' },
  { who: B, text: 'nr 10 3tv ikke hjemme', household: 'madsen', outcome: 'not_home' },
  { who: B, text: 'ingen svar hos Madsen 3.tv', household: 'madsen', outcome: 'not_home' },
  { who: B, text: 'gudrunsv 10 1.th nobody home', household: 'christensen', outcome: 'not_home' },
  { who: B, text: 'Gudrunsvej 10 1 th, mødte dem', household: 'christensen', outcome: 'met' },
  { who: B, text: '10 1th mødt', household: 'christensen', outcome: 'met' },
  { who: B, text: '1.th ingen hjemme', household: 'christensen', outcome: 'not_home' },
  { who: B, text: '1 th mødt', household: 'christensen', outcome: 'met' },
  { who: B, text: 'første sal til højre: mødt', household: 'christensen', outcome: 'met' },
  { who: B, text: 'th på 1. sal ikke hjemme', household: 'christensen', outcome: 'not_home' },
  { who: B, text: '1. sal: ikke hjemme', household: 'christensen', outcome: 'not_home' },
  { who: B, text: 'mødte familien på 1. th 👍', household: 'christensen', outcome: 'met' },
  { who: B, text: 'madsen, nr 10 ikke hjemme', household: 'madsen', outcome: 'not_home' },
  { who: B, text: 'ikke hjemme kl 14 hos Jonas', household: 'madsen', outcome: 'not_home' },
  { who: B, text: 'mødte dem kl 10 i nr 14 st th', household: 'andersen', outcome: 'met' },
  { who: B, text: 'Kom igen om 14 dage hos Ove, han havde travlt', household: 'christensen', outcome: 'postponed', revisit: '2026-12-11' },
  { who: B, text: 'nr 10 th ikke hjemme', household: 'christensen', outcome: 'not_home' },
  { who: B, text: '10 tv mødt', household: 'madsen', outcome: 'met' },
  { who: B, text: '14 th ikke hjemme', household: 'ask', offered: ['holm', 'andersen'] },
  { who: B, text: 'parret på 14 var ikke hjemme', household: 'holm', outcome: 'not_home' },
  { who: B, text: 'den nye i stuen var hjemme 👍', household: 'andersen', outcome: 'met' },
  { who: B, text: 'ground floor right, not home', household: 'andersen', outcome: 'not_home' },
  { who: B, text: '1st floor right: not home', household: 'christensen', outcome: 'not_home' },
  { who: B, text: '3rd floor left nobody home', household: 'madsen', outcome: 'not_home' },
  { who: B, text: '2nd floor: met them', household: 'holm', outcome: 'met' },

  // ── Birgit: English ───────────────────────────────────────────────────────────────────────────
  { who: B, text: 'the Andersens were out', household: 'andersen', outcome: 'not_home' },
  { who: B, text: "the christensens weren't home, left the folder", household: 'christensen', outcome: 'not_home', folder: true },
  { who: B, text: 'met jonas, nice guy', household: 'madsen', outcome: 'met' },
  { who: B, text: 'jonas was out', household: 'madsen', outcome: 'not_home' },
  { who: B, text: 'Ove was home, had coffee with him and Else', household: 'christensen', outcome: 'met' },
  { who: B, text: 'the Madsens said no thanks', household: 'madsen', outcome: 'declined' },
  { who: B, text: 'Met Kasper at the door, he was happy', household: 'andersen', outcome: 'met' },
  { who: B, text: "kasper wasn't in, dropped the folder in the mailbox", household: 'andersen', outcome: 'not_home', folder: true },
  { who: B, text: "Sara and Mikkel weren't home", household: 'holm', outcome: 'not_home' },
  { who: B, text: "knocked at Jonas' door, no answer", household: 'madsen', outcome: 'not_home' },
  { who: B, text: "nobody home at Kasper's", household: 'andersen', outcome: 'not_home' },
  { who: B, text: 'andersens - not home', household: 'andersen', outcome: 'not_home' },

  // ── Birgit: bare refusals ─────────────────────────────────────────────────────────────────────
  { who: B, text: 'no thanks from kasper, not for him', household: 'andersen', outcome: 'declined' },
  { who: B, text: 'Kasper: ikke interesseret', household: 'andersen', outcome: 'declined' },
  { who: B, text: 'Madsen: nej tak til besøg', household: 'madsen', outcome: 'declined' },
  { who: B, text: 'mikkel: no thanks, not for us', household: 'holm', outcome: 'declined' },
  { who: B, text: 'jonas: nej tak', household: 'madsen', outcome: 'declined' },
  { who: B, text: 'christensen - ikke noget for os sagde de', household: 'christensen', outcome: 'declined' },

  // ── Birgit: two households in one message, confirmed together ────────────────────────────────
  { who: B, text: 'mødte Sara, Kasper var ikke hjemme', household: ['holm', 'andersen'], outcome: ['met', 'not_home'] },
  { who: B, text: 'Ove og Jonas ikke hjemme, mappe lagt begge steder', household: ['christensen', 'madsen'], outcome: 'not_home', folder: true },
  { who: B, text: '1 th og 3 tv ikke hjemme', household: ['christensen', 'madsen'], outcome: 'not_home' },
  { who: B, text: 'ikke hjemme hos Ove, men Jonas åbnede', household: ['christensen', 'madsen'], outcome: ['not_home', 'met'] },
  { who: B, text: 'Sara: mødt. Kasper: ikke hjemme, lagde mappen', household: ['holm', 'andersen'], outcome: ['met', 'not_home'], folder: [null, true] },
  { who: B, text: 'ingen hjemme hos christensen og madsen, lagde mapper begge steder', household: ['christensen', 'madsen'], outcome: 'not_home', folder: true },
  { who: B, text: 'kasper takkede nej, sara og mikkel var ikke hjemme', household: ['andersen', 'holm'], outcome: ['declined', 'not_home'] },
  { who: B, text: 'jonas mødt 👍 ove ikke hjemme', household: ['madsen', 'christensen'], outcome: ['met', 'not_home'] },
  { who: B, text: 'st th og 2 th i nr 14: ingen hjemme', household: ['andersen', 'holm'], outcome: 'not_home' },
  { who: B, text: "met sara, kasper wasn't home", household: ['holm', 'andersen'], outcome: ['met', 'not_home'] },

  // ── Birgit: not on the list ───────────────────────────────────────────────────────────────────
  { who: B, text: 'ikke hjemme hos Jens Christensen', household: 'not_on_list', quoted: 'Jens Christensen' },
  { who: B, text: 'mødte Jens', household: 'not_on_list', quoted: 'Jens' },
  { who: B, text: 'lars sagde nej tak', household: 'not_on_list', quoted: 'lars' },
  { who: B, text: 'Lene Kristensen ikke hjemme', household: 'not_on_list', quoted: 'Lene Kristensen' },
  { who: B, text: 'mødte Ove Hansen', household: 'not_on_list', quoted: 'Ove Hansen' },
  { who: B, text: 'sorensen ikke hjemme', household: 'not_on_list', quoted: 'sorensen' },
  { who: B, text: 'mødte J. Christensen', household: 'not_on_list', quoted: 'J. Christensen' },
  { who: B, text: 'hansens dør var lukket', household: 'not_on_list', quoted: 'hansens' },
  { who: B, text: 'omar åbnede', household: 'not_on_list', quoted: 'omar' },
  { who: B, text: 'Gudrunsvej 10 1 tv ikke hjemme', household: 'not_on_list', quoted: 'Gudrunsvej 10 1 tv' },
  { who: B, text: 'nr 12 ikke hjemme', household: 'not_on_list', quoted: 'nr 12' },
  { who: B, text: 'kælderen: ingen hjemme', household: 'not_on_list', quoted: 'kælderen' },

  // ── Birgit: unclear which household — a question, nothing recorded ──────────────────────────
  { who: B, text: 'ingen hjemme', household: 'ask' },
  { who: B, text: 'ikke hjemme, lagde mappen', household: 'ask' },
  { who: B, text: 'mødt!', household: 'ask' },
  { who: B, text: 'no thanks, not for us', household: 'ask' },
  { who: B, text: 'nr 10 ikke hjemme', household: 'ask', offered: ['christensen', 'madsen'] },
  { who: B, text: 'Gudrunsvej 14: ingen åbnede', household: 'ask', offered: ['holm', 'andersen'] },
  { who: B, text: '14 - ingen hjemme', household: 'ask', offered: ['holm', 'andersen'] },
  { who: B, text: 'Ove på 3. tv ikke hjemme', household: 'ask', offered: ['christensen', 'madsen'] },
  { who: B, text: 'christensen 3 tv ikke hjemme', household: 'ask', offered: ['christensen', 'madsen'] },
  { who: B, text: 'nr 10 og nr 14 ikke hjemme, mappe lagt begge steder', household: 'ask' },
  { who: B, text: 'tv ikke hjemme', household: 'ask' },
  { who: B, text: 'var der ikke nogen hjemme i dag heller', household: 'ask' },

  // ── Birgit: the conversation says which household ────────────────────────────────────────────
  { who: B, text: 'ikke hjemme igen', household: 'madsen', outcome: 'not_home', before: [{ remind: 'madsen' }] },
  { who: B, text: 'mødt!', household: 'holm', outcome: 'met', before: [{ remind: 'holm' }] },
  { who: B, text: 'stadig ingen hjemme, lagde en seddel', household: 'andersen', outcome: 'not_home', before: [{ remind: 'andersen' }] },
  { who: B, text: 'de takkede nej', household: 'christensen', outcome: 'declined', before: [{ remind: 'christensen' }] },
  { who: B, text: 'mødte dem endelig 🎉', household: 'madsen', outcome: 'met', before: [{ remind: 'madsen' }, { press: 'Jeg prøver i dag' }] },
  { who: B, text: 'nr 10 ikke hjemme', household: 'christensen', outcome: 'not_home', before: [{ remind: 'christensen' }] },
  { who: B, text: 'Sara var hjemme, fik en god snak', household: 'holm', outcome: 'met', before: [{ remind: 'madsen' }] },
  { who: B, text: 'ikke hjemme igen', household: 'ask', offered: ['madsen', 'holm'], before: [{ remind: 'madsen' }, { remind: 'holm' }] },
  { who: B, text: 'de var glade for mappen', household: 'madsen', outcome: 'met', folder: true, before: [{ write: 'ingen hjemme hos jonas' }] },
  { who: B, text: 'nåh, han kom hjem lidt efter og vi fik en snak', household: 'madsen', outcome: 'met', before: [{ write: 'jonas ikke hjemme' }] },
  { who: B, text: 'kasper takkede nej', household: 'andersen', outcome: 'declined', before: [{ write: 'ingen hjemme hos jonas' }] },
  { who: B, text: 'var ikke hjemme, lagde mappen', household: 'holm', outcome: 'not_home', folder: true, before: [{ write: 'mødte ove og else' }, { write: 'jonas takkede nej' }, { write: 'kasper er flyttet' }, { write: 'mine besøg' }] },
  { who: B, text: 'mødt', household: 'andersen', outcome: 'met', before: [{ write: 'mødte ove' }, { write: 'jonas er flyttet' }, { write: 'sara og mikkel sagde nej tak' }, { write: 'mine besøg' }] },
  { who: B, text: 'det var Madsen', household: 'madsen', outcome: 'not_home', folder: true, revisit: '2026-12-01', before: [{ write: 'ikke hjemme, lagde mappen, kommer igen på tirsdag' }] },
  { who: B, text: '3. tv', household: 'madsen', outcome: 'not_home', before: [{ write: 'nr 10 ikke hjemme' }] },
  { who: B, text: 'vi fik en god snak alligevel', household: 'christensen', outcome: 'met', before: [{ write: 'mine besøg' }, { press: 'Ikke hjemme – mappe lagt' }] },

  // ── Ahmed: two Lars, two Mette, a household of three, Petersen and Pedersen ──────────────────
  { who: A, text: 'mødte lars', household: 'ask', offered: ['petersen', 'hansen'] },
  { who: A, text: 'mette var ikke hjemme', household: 'ask', offered: ['hansen', 'pedersen'] },
  { who: A, text: 'emil åbnede, mødte hele familien', household: 'hansen', outcome: 'met' },
  { who: A, text: 'Emil Hansen sagde kom igen i morgen', household: 'hansen', outcome: 'postponed', revisit: '2026-11-28' },
  { who: A, text: 'mødte lars hansen', household: 'hansen', outcome: 'met' },
  { who: A, text: 'lars petersen ikke hjemme', household: 'petersen', outcome: 'not_home' },
  { who: A, text: 'Petersen ikke hjemme, mappe lagt', household: 'petersen', outcome: 'not_home', folder: true },
  { who: A, text: 'Pedersen takkede nej', household: 'pedersen', outcome: 'declined' },
  { who: A, text: 'mette pedersen mødt', household: 'pedersen', outcome: 'met' },
  { who: A, text: 'Mette Hansen var ikke hjemme', household: 'hansen', outcome: 'not_home' },
  { who: A, text: 'lars fra nr 3 var hjemme', household: 'petersen', outcome: 'met' },
  { who: A, text: 'lars på 5 var ikke hjemme', household: 'hansen', outcome: 'not_home' },
  { who: A, text: 'mette på 3. th mødt', household: 'pedersen', outcome: 'met' },
  { who: A, text: 'mette st th ikke hjemme', household: 'hansen', outcome: 'not_home' },
  { who: A, text: 'Hansen mødt, alle tre var hjemme', household: 'hansen', outcome: 'met' },
  { who: A, text: 'hansens ikke hjemme', household: 'hansen', outcome: 'not_home' },
  { who: A, text: 'the Hansens were out', household: 'hansen', outcome: 'not_home' },
  { who: A, text: 'familien hansen takkede nej', household: 'hansen', outcome: 'declined' },
  { who: A, text: 'Pettersen ikke hjemme', household: 'petersen', outcome: 'not_home' },
  { who: A, text: 'pedersn ikke hjemme', household: 'pedersen', outcome: 'not_home' },
  { who: A, text: 'Petersen nr 5 ikke hjemme', household: 'pedersen', outcome: 'not_home' },

  // ── Ahmed: Fatima Ali and Omar Haddad ─────────────────────────────────────────────────────────
  { who: A, text: 'omar åbnede', household: 'ali', outcome: 'met' },
  { who: A, text: 'fatima var ikke hjemme', household: 'ali', outcome: 'not_home' },
  { who: A, text: 'Haddad takkede nej', household: 'ali', outcome: 'declined' },
  { who: A, text: 'familien ali mødt, de taler ikke så meget dansk', household: 'ali', outcome: 'met' },
  { who: A, text: 'mødte omar og fatima, søde mennesker', household: 'ali', outcome: 'met' },
  { who: A, text: 'fatma ikke hjemme', household: 'ali', outcome: 'not_home' },
  { who: A, text: 'Omar Haddad bad mig komme igen på torsdag', household: 'ali', outcome: 'postponed', revisit: '2026-12-03' },
  { who: A, text: 'Omar Haddad: kom igen på torsdag', household: 'ali', outcome: null },

  // ── Ahmed: Lærkevej and the basement flat ─────────────────────────────────────────────────────
  { who: A, text: 'Lærkevej 3 1tv ikke hjemme', household: 'ali', outcome: 'not_home' },
  { who: A, text: 'laerkevej 3, 2. tv mødt', household: 'petersen', outcome: 'met' },
  { who: A, text: 'larkevej 5 st.th. ingen hjemme', household: 'hansen', outcome: 'not_home' },
  { who: A, text: 'kælderen på lærkevej 7: ingen hjemme', household: 'nguyen', outcome: 'not_home' },
  { who: A, text: 'kælderen mødt', household: 'nguyen', outcome: 'met' },
  { who: A, text: 'kaelderlejligheden ikke hjemme', household: 'nguyen', outcome: 'not_home' },
  { who: A, text: 'nr 7 flyttet', household: 'nguyen', outcome: 'moved' },
  { who: A, text: 'Nguyen ikke hjemme, lagde mappen', household: 'nguyen', outcome: 'not_home', folder: true },
  { who: A, text: 'mødte lan', household: 'nguyen', outcome: 'met' },
  { who: A, text: 'nguen takkede nej', household: 'nguyen', outcome: 'declined' },
  { who: A, text: 'lærkevej 3 2 tv: not home', household: 'petersen', outcome: 'not_home' },
  { who: A, text: 'nr 3 ikke hjemme', household: 'ask', offered: ['ali', 'petersen', 'kristensen'] },
  { who: A, text: 'lærkevej 5 ikke hjemme', household: 'ask', offered: ['hansen', 'pedersen'] },
  { who: A, text: 'Lærkevej 9 ikke hjemme', household: 'not_on_list', quoted: 'Lærkevej 9' },
  { who: A, text: 'Lærkevej 3, 3. th ingen hjemme', household: 'not_on_list', quoted: 'Lærkevej 3, 3. th' },

  // ── Ahmed: Peter and Lene Kristensen, and someone else with a surname like theirs ─────────────
  { who: A, text: 'ikke hjemme hos Jens Christensen', household: 'not_on_list', quoted: 'Jens Christensen' },
  { who: A, text: 'ikke hjemme hos jens christensen', household: 'not_on_list', quoted: 'jens christensen' },
  { who: A, text: 'Christensen ikke hjemme', household: 'kristensen', outcome: 'not_home' },
  { who: A, text: 'peter kristensen mødt', household: 'kristensen', outcome: 'met' },
  { who: A, text: 'lene var hjemme 👍', household: 'kristensen', outcome: 'met' },
  { who: A, text: 'Sigridsvej 3 1 tv ingen hjemme', household: 'kristensen', outcome: 'not_home' },
  { who: A, text: 'Ove Kristensen takkede nej', household: 'not_on_list', quoted: 'Ove Kristensen' },
  { who: A, text: 'mødte Sara', household: 'not_on_list', quoted: 'Sara' },

  // ── Ahmed: several households ─────────────────────────────────────────────────────────────────
  { who: A, text: 'nr 3 og nr 7 ikke hjemme, mappe lagt begge steder', household: 'ask', offered: ['ali', 'petersen', 'kristensen', 'nguyen'] },
  { who: A, text: '1 tv i nr 3 ikke hjemme', household: 'ask', offered: ['ali', 'kristensen'] },
  { who: A, text: 'Nguyen og Kristensen ikke hjemme, lagde mappen begge steder', household: ['nguyen', 'kristensen'], outcome: 'not_home', folder: true },
  { who: A, text: 'mødte omar, lars petersen var ikke hjemme', household: ['ali', 'petersen'], outcome: ['met', 'not_home'] },
  { who: A, text: 'hansen og pedersen ingen hjemme', household: ['hansen', 'pedersen'], outcome: 'not_home' },
  { who: A, text: 'kælderen og 1 tv på lærkevej 3: ikke hjemme', household: ['nguyen', 'ali'], outcome: 'not_home' },
  { who: A, text: 'Fatima mødt. Lene takkede nej. Lan ikke hjemme', household: ['ali', 'kristensen', 'nguyen'], outcome: ['met', 'declined', 'not_home'] },

  // ── Ahmed: context ────────────────────────────────────────────────────────────────────────────
  { who: A, text: 'mødte dem 😊', household: 'nguyen', outcome: 'met', before: [{ remind: 'nguyen' }] },
  { who: A, text: 'mette var ikke hjemme', household: 'pedersen', outcome: 'not_home', before: [{ remind: 'pedersen' }] },
  { who: A, text: 'mette var ikke hjemme', household: 'hansen', outcome: 'not_home', before: [{ write: 'lars hansen ikke hjemme' }] },
  { who: A, text: 'de sagde kom igen på fredag', household: 'ali', outcome: 'postponed', revisit: '2026-12-04', before: [{ write: 'fatima ikke hjemme, lagde mappen' }] },

  // ── Lise (English): English reports, the middle flat ──────────────────────────────────────────
  { who: L, text: 'met Hanne, she was lovely', household: 'sorensen', outcome: 'met' },
  { who: L, text: 'hanne not home, left the folder in the mailbox', household: 'sorensen', outcome: 'not_home', folder: true },
  { who: L, text: 'Sorensen not home', household: 'sorensen', outcome: 'not_home' },
  { who: L, text: 'soerensen said no thanks', household: 'sorensen', outcome: 'declined' },
  { who: L, text: 'the Yilmaz family were out', household: 'yilmaz', outcome: 'not_home' },
  { who: L, text: 'Mehmet asked me to come back tomorrow', household: 'yilmaz', outcome: 'postponed', revisit: '2026-11-28' },
  { who: L, text: 'ayse opened the door, we had tea', household: 'yilmaz', outcome: 'met' },
  { who: L, text: 'yilmas moved out', household: 'yilmaz', outcome: 'moved' },
  { who: L, text: 'Søren not in', household: 'jorgensen', outcome: 'not_home' },
  { who: L, text: 'jorgensen: not interested', household: 'jorgensen', outcome: 'declined' },
  { who: L, text: '1 mf nobody home', household: 'jorgensen', outcome: 'not_home' },
  { who: L, text: 'Sigridsvej 5, 3rd floor left: not home', household: 'yilmaz', outcome: 'not_home' },
  { who: L, text: 'no 5 2nd floor right, met her', household: 'sorensen', outcome: 'met' },
  { who: L, text: 'not home', household: 'ask' },
  { who: L, text: 'number 5: nobody in', household: 'ask', offered: ['sorensen', 'yilmaz'] },
  { who: L, text: 'met Hanne and the Yilmaz family wasnt home', household: ['sorensen', 'yilmaz'], outcome: ['met', 'not_home'] },
  { who: L, text: 'nobody home at John Smith', household: 'not_on_list', quoted: 'John Smith' },
  { who: L, text: 'still not home', household: 'yilmaz', outcome: 'not_home', before: [{ remind: 'yilmaz' }] },

  // ── Ib: one open household, nothing to ask ────────────────────────────────────────────────────
  { who: I, text: 'ikke hjemme, lagde mappen', household: 'hassan', outcome: 'not_home', folder: true },
  { who: I, text: 'mødt 😀', household: 'hassan', outcome: 'met' },
  { who: I, text: 'hun takkede nej', household: 'hassan', outcome: 'declined' },
  { who: I, text: 'amira var syg, kommer igen i morgen', household: 'hassan', outcome: 'postponed', revisit: '2026-11-28' },
  { who: I, text: 'no thanks, not for us', household: 'hassan', outcome: 'declined' },
  { who: I, text: 'ikke interesseret', household: 'hassan', outcome: 'declined' },
  { who: I, text: 'nej tak til besøg', household: 'hassan', outcome: 'declined' },
  { who: I, text: 'Mødte dem, de vil gerne med i Madklubben', household: 'hassan', outcome: 'met' },
  { who: I, text: 'ikke hjemme hos Jens Christensen', household: 'not_on_list', quoted: 'Jens Christensen' },
  { who: I, text: 'nr 14 ikke hjemme', household: 'not_on_list', quoted: 'nr 14' },
  { who: I, text: 'hassan 2 tv ikke hjemme', household: 'hassan', outcome: 'not_home' },
  { who: I, text: 'var ikke hjemme, jeg kommer igen på søndag', household: 'hassan', outcome: 'not_home', revisit: '2026-11-29' },

  // ── Karen: two Nielsens, first names that are everyday words ──────────────────────────────────
  { who: K, text: 'Nielsen ikke hjemme', household: 'ask', offered: ['anna', 'bo'] },
  { who: K, text: 'anna nielsen mødt', household: 'anna', outcome: 'met' },
  { who: K, text: 'mødte Bo', household: 'bo', outcome: 'met' },
  { who: K, text: 'Bo Nielsen var ikke hjemme', household: 'bo', outcome: 'not_home' },
  { who: K, text: 'ikke hjemme hos bo', household: 'bo', outcome: 'not_home' },
  { who: K, text: 'tranevej 4 ingen hjemme', household: 'bo', outcome: 'not_home' },
  { who: K, text: 'Per og Else ikke hjemme', household: 'jensen', outcome: 'not_home' },
  { who: K, text: 'mødte Per, han er ny i Danmark', household: 'jensen', outcome: 'met' },
  { who: K, text: 'jensens takkede nej', household: 'jensen', outcome: 'declined' },
  { who: K, text: 'tranevej 2 1 th ikke hjemme', household: 'anna', outcome: 'not_home' },
  { who: K, text: 'tranevej 2 ikke hjemme', household: 'ask', offered: ['anna', 'jensen'] },
  { who: K, text: '1 th ikke hjemme', household: 'ask', offered: ['anna', 'bo'] },
  { who: K, text: '2 th ikke hjemme', household: 'jensen', outcome: 'not_home' },
  { who: K, text: 'kommer igen om 2 dage, de var ikke hjemme', household: 'ask' },
  { who: K, text: 'kom forbi 2 gange, ingen hjemme', household: 'ask' },
  { who: K, text: 'Anna og Bo ikke hjemme, lagde mappen begge steder', household: ['anna', 'bo'], outcome: 'not_home', folder: true },
  { who: K, text: 'mødte else jensen', household: 'jensen', outcome: 'met' },
];
