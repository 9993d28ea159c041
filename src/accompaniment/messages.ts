import type { AccompanimentOutcome } from '../../models/types.js';

/**
 * What Nabo says about going along with a new resident the first time (følgeskab, phase 3 of the
 * handbook) and about an ambassador's interests. Danish defines the keys; English has the same shape.
 */
export const accompanimentDa = {
  accompanyAsk: (topic: string): string =>
    `Vil du følges med beboeren til ${topic} første gang? Det gør det meget lettere at komme afsted.`,
  accompanyYes: (): string => 'Ja, jeg følges med',
  accompanyNo: (): string => 'Nej tak',
  accompanyAccepted: (topic: string): string =>
    `Dejligt 🙌 Aftal med beboeren, hvornår I går til ${topic}. Tryk bagefter, hvordan det gik:`,
  accompanyAcceptedWith: (topic: string, household: string): string =>
    `Dejligt 🙌 Det er ${household}. Aftal med dem, hvornår I går til ${topic}. Tryk bagefter, hvordan det gik:`,
  accompanyPassedOn: (name: string): string =>
    `Helt i orden. Jeg spørger ${name}, som også interesserer sig for det.`,
  accompanyNobodyElse: (): string =>
    'Helt i orden. Beboeren har fået aktiviteten, og koordinatoren har den på sin liste.',
  accompanyOfferToOther: (visitor: string, topic: string): string =>
    `${visitor} har mødt en ny beboer, der gerne vil med til ${topic}. Du har skrevet, at det er en af dine interesser — vil du følges med beboeren første gang?`,
  accompanyOutcomeLabel: (outcome: AccompanimentOutcome): string =>
    ({ went_together: 'Fulgtes ad', did_not_come: 'Kom ikke', went_alone: 'Klarede det selv' })[
      outcome
    ],
  accompanyOutcomeRecorded: (topic: string, outcome: AccompanimentOutcome): string =>
    `Tak! Noteret for ${topic}: ${accompanimentDa.accompanyOutcomeLabel(outcome).toLocaleLowerCase('da')}. Det tæller med i programmets rapport.`,
  accompanyNotYours: (): string =>
    'Det tilbud er allerede besvaret eller givet videre, så jeg har ikke ændret noget.',
  interestsSaved: (interests: string[]): string =>
    `Tak! Dine interesser: ${interests.join(', ')}. Jeg spørger dig, når en ny beboer gerne vil med til noget af det.`,
  interestsEmpty: (): string =>
    'Skriv dine interesser efter kolon, fx «mine interesser: madklub, lektiehjælp, taler arabisk».',
  extraRoleGiven: (name: string, role: string, all: string[]): string =>
    `✅ ${name} har nu rollen «${role}» (roller: ${all.join(', ')}). Det står i «ambassadører».`,
  extraRoleRemoved: (name: string, role: string, all: string[]): string =>
    `${name} har ikke længere rollen «${role}»${all.length > 0 ? ` (roller: ${all.join(', ')})` : ''}.`,
  extraRoleWho: (who: string): string =>
    `Jeg ved ikke helt, hvem «${who}» er. Skriv det fulde navn, fx «giv Birgit Sørensen rollen mentor».`,
  corpsExtraRoles: (roles: string[]): string => ` · roller: ${roles.join(', ')}`,
};

export const accompanimentEn: typeof accompanimentDa = {
  accompanyAsk: (topic) =>
    `Would you go along with the resident to ${topic} the first time? It makes it much easier to go.`,
  accompanyYes: () => 'Yes, I will go along',
  accompanyNo: () => 'No thanks',
  accompanyAccepted: (topic) =>
    `Lovely 🙌 Agree with the resident when you go to ${topic}. Afterwards, press how it went:`,
  accompanyAcceptedWith: (topic, household) =>
    `Lovely 🙌 It is ${household}. Agree with them when you go to ${topic}. Afterwards, press how it went:`,
  accompanyPassedOn: (name) => `That is fine. I will ask ${name}, who is interested in it too.`,
  accompanyNobodyElse: () =>
    'That is fine. The resident has the activity, and the coordinator has it on their list.',
  accompanyOfferToOther: (visitor, topic) =>
    `${visitor} met a new resident who would like to join ${topic}. You said it is one of your interests — would you go along with the resident the first time?`,
  accompanyOutcomeLabel: (outcome) =>
    ({ went_together: 'Went together', did_not_come: 'Did not come', went_alone: 'Went alone' })[
      outcome
    ],
  accompanyOutcomeRecorded: (topic, outcome) =>
    `Thank you! Recorded for ${topic}: ${accompanimentEn.accompanyOutcomeLabel(outcome).toLowerCase()}. It counts in the programme report.`,
  accompanyNotYours: () =>
    'That offer has already been answered or passed on, so I changed nothing.',
  interestsSaved: (interests) =>
    `Thank you! Your interests: ${interests.join(', ')}. I will ask you when a new resident would like to join one of them.`,
  interestsEmpty: () =>
    'Write your interests after a colon, e.g. "my interests: dinner club, homework help, speak Arabic".',
  extraRoleGiven: (name, role, all) =>
    `✅ ${name} now has the role "${role}" (roles: ${all.join(', ')}). It shows under "ambassadors".`,
  extraRoleRemoved: (name, role, all) =>
    `${name} no longer has the role "${role}"${all.length > 0 ? ` (roles: ${all.join(', ')})` : ''}.`,
  extraRoleWho: (who) =>
    `I am not sure who "${who}" is. Write the full name, e.g. "give Birgit Sørensen the role mentor".`,
  corpsExtraRoles: (roles) => ` · roles: ${roles.join(', ')}`,
};
