import type { AttemptOutcome, ClosingReason, WelcomeFolderContent } from '../../models/types.js';
import type { Household } from '../support/estate.js';

/**
 * Conversations as data, run by every adapter's end-to-end tests (the test adapter, Slack, Teams),
 * so that the platforms' parity is checked, not hoped for. A step either writes text or presses
 * a button by (part of) its label on the latest bot message that has one; `expect` lists
 * substrings of what the bot answers, `expectButtons` the labels its answer offers.
 *
 * The chats stand on Friday 27 November 2026, 10:00 Europe/Copenhagen, and the ambassador speaks
 * Danish unless `locale` says otherwise.
 */
export type ScenarioStep =
  | { write: string; expect: string[]; expectButtons?: string[]; expectNot?: string[] }
  | { press: string; expect: string[]; expectButtons?: string[]; expectNot?: string[] };

export interface ExpectedVisit {
  /** Index into the scenario's households. */
  household: number;
  status: 'open' | 'closed';
  attempts: number;
  outcome?: AttemptOutcome | null;
  folderLeft?: boolean | null;
  revisitDate?: string | null;
  closingReason?: ClosingReason;
}

export interface ConversationScenario {
  name: string;
  /** False: the writer is not a known person (nothing may be stored about them). */
  knownPerson?: boolean;
  locale?: 'da' | 'en';
  households: Household[];
  /** The area's welcome folder, when the scenario needs its activities. */
  welcomeFolder?: WelcomeFolderContent;
  /** A course the coordinator has invited the ambassador to (phase 2). */
  invitedTo?: { title: string; startsAt: string; place?: string };
  steps: ScenarioStep[];
  visitsAfter?: ExpectedVisit[];
}

export const SCENARIO_NOW = '2026-11-27T10:00:00+01:00';

const CHRISTENSEN: Household = {
  names: ['Ove Christensen', 'Else Christensen'],
  address: 'Gudrunsvej 10',
  unit: '1. th',
  moveInDate: '2026-11-18',
};
const MADSEN: Household = {
  names: ['Jonas Madsen'],
  address: 'Gudrunsvej 10',
  unit: '3. tv',
  moveInDate: '2026-11-22',
};

export const conversationScenarios: ConversationScenario[] = [
  {
    name: 'a report in own words with one open visit is recorded and confirmed',
    households: [CHRISTENSEN],
    steps: [
      {
        write: 'ikke hjemme, lagde mappen i postkassen',
        expect: [
          'Ove og Else Christensen var ikke hjemme, og mappen ligger i postkassen',
          'Næste forsøg: mandag 30. november',
        ],
      },
    ],
    visitsAfter: [
      {
        household: 0,
        status: 'open',
        attempts: 1,
        outcome: 'not_home',
        folderLeft: true,
        revisitDate: '2026-11-30',
      },
    ],
  },
  {
    name: 'a button on the list of visits records the visit and the list loses its buttons',
    households: [CHRISTENSEN],
    steps: [
      {
        write: 'mine besøg',
        expect: [
          'Du har 1 åbent besøg',
          'Ove og Else Christensen — Gudrunsvej 10, 1. th · flyttede ind 18. nov.',
        ],
        expectButtons: [
          'Mødt',
          'Ikke hjemme – mappe lagt',
          'Ikke hjemme',
          'Takkede nej',
          'Flyttet / forkert adresse',
        ],
      },
      { press: 'Mødt', expect: ['du mødte Ove og Else Christensen', 'Besøget er afsluttet'] },
    ],
    visitsAfter: [
      { household: 0, status: 'closed', attempts: 1, outcome: 'met', closingReason: 'met' },
    ],
  },
  {
    name: 'an ambiguous report gets one question with a button per household',
    households: [CHRISTENSEN, MADSEN],
    steps: [
      {
        write: 'ingen hjemme, lagde mappen',
        expect: ['Hvilken husstand handler det om?'],
        expectButtons: [
          'Ove og Else Christensen, Gudrunsvej 10, 1. th',
          'Jonas Madsen, Gudrunsvej 10, 3. tv',
        ],
      },
      { press: 'Jonas Madsen', expect: ['Jonas Madsen var ikke hjemme'] },
    ],
    visitsAfter: [
      { household: 0, status: 'open', attempts: 0 },
      { household: 1, status: 'open', attempts: 1, outcome: 'not_home', folderLeft: true },
    ],
  },
  {
    name: 'a report naming two households records both and confirms them in one reply',
    households: [CHRISTENSEN, MADSEN],
    steps: [
      {
        write: 'Ove og Jonas ikke hjemme, mappe lagt begge steder',
        expect: [
          'Ove og Else Christensen var ikke hjemme, og mappen ligger i postkassen',
          'Jonas Madsen var ikke hjemme, og mappen ligger i postkassen',
        ],
      },
    ],
    visitsAfter: [
      { household: 0, status: 'open', attempts: 1, outcome: 'not_home', folderLeft: true },
      { household: 1, status: 'open', attempts: 1, outcome: 'not_home', folderLeft: true },
    ],
  },
  {
    name: "a name on nobody's list is said to be so, with the list as buttons, and nothing is recorded",
    households: [CHRISTENSEN, MADSEN],
    steps: [
      {
        write: 'ikke hjemme hos Jens Christensen',
        expect: ['Jens Christensen er ikke på din liste. Hvilken husstand handler det om?'],
        expectButtons: [
          'Ove og Else Christensen, Gudrunsvej 10, 1. th',
          'Jonas Madsen, Gudrunsvej 10, 3. tv',
        ],
      },
    ],
    visitsAfter: [
      { household: 0, status: 'open', attempts: 0 },
      { household: 1, status: 'open', attempts: 0 },
    ],
  },
  {
    name: 'an unclear outcome is asked with buttons and nothing is recorded on a guess',
    households: [CHRISTENSEN],
    steps: [
      {
        write: 'var forbi Christensen, de vil gerne med i madklubben',
        expect: ['Hvordan gik det hos Ove og Else Christensen?'],
        expectButtons: ['Mødt'],
      },
      { press: 'Mødt', expect: ['du mødte Ove og Else Christensen', 'madklubben'] },
    ],
    visitsAfter: [{ household: 0, status: 'closed', attempts: 1, outcome: 'met' }],
  },
  {
    name: 'a resident who wants to join the dinner club: the ambassador goes along the first time and says how it went',
    households: [CHRISTENSEN],
    welcomeFolder: {
      contacts: [],
      activities: [{ name: 'Madklub', weekday: 4, time: '17:30', place: 'fælleshuset' }],
    },
    steps: [
      {
        write: 'mødte Christensen, de vil gerne med i madklubben',
        expect: [
          'du mødte Ove og Else Christensen',
          'Madklub: torsdag kl. 17:30, fælleshuset',
          'Vil du følges med beboeren til Madklub første gang?',
        ],
        expectButtons: ['Ja, jeg følges med', 'Nej tak'],
      },
      {
        press: 'Ja, jeg følges med',
        expect: ['Tryk bagefter, hvordan det gik'],
        expectButtons: ['Fulgtes ad', 'Kom ikke', 'Klarede det selv'],
      },
      { press: 'Fulgtes ad', expect: ['Noteret for Madklub: fulgtes ad'] },
    ],
    visitsAfter: [{ household: 0, status: 'closed', attempts: 1, outcome: 'met' }],
  },
  {
    name: 'an invitation to a course is answered from the list of events',
    households: [],
    invitedTo: {
      title: 'Kursus i konfliktnedtrapning',
      startsAt: '2027-01-14T17:00:00+01:00',
      place: 'i fælleshuset',
    },
    steps: [
      {
        write: 'arrangementer',
        expect: [
          'Kursus i konfliktnedtrapning — torsdag 14. januar kl. 17.00, i fælleshuset',
          'Du har ikke svaret endnu.',
        ],
        expectButtons: ['Kommer', 'Måske', 'Kommer ikke'],
      },
      { press: 'Måske', expect: ['Dit svar: måske', 'påmindelse dagen før'] },
      { write: 'arrangementer', expect: ['Dit svar: måske'] },
    ],
  },
  {
    name: 'undo takes the latest report back',
    households: [CHRISTENSEN],
    steps: [
      { write: 'mødte dem', expect: ['du mødte Ove og Else Christensen'] },
      { write: 'fortryd', expect: ['Fortrudt', 'åbent igen'] },
    ],
    visitsAfter: [{ household: 0, status: 'open', attempts: 0 }],
  },
  {
    name: 'help is short and offers the visits',
    households: [],
    steps: [
      {
        write: 'hjælp',
        expect: ['Jeg holder styr på dine velkomstbesøg'],
        expectButtons: ['Mine besøg'],
      },
    ],
  },
  {
    name: 'an unknown person gets one polite line and nothing is stored',
    knownPerson: false,
    households: [],
    steps: [{ write: 'mødte dem', expect: ['Bed din koordinator om at tilføje dig'] }],
  },
  {
    name: 'an English-speaking ambassador is answered in English',
    locale: 'en',
    households: [CHRISTENSEN],
    steps: [
      {
        write: 'not home, left folder',
        expect: [
          'Noted: Ove and Else Christensen was not home, folder left in the mailbox',
          'Next try: Monday 30 November',
        ],
      },
    ],
    visitsAfter: [
      { household: 0, status: 'open', attempts: 1, outcome: 'not_home', folderLeft: true },
    ],
  },
];
