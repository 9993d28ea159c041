import type { EventAnswer } from '../../models/types.js';
import type { AnnouncementProblem } from './parse-announcement.js';

/**
 * What Nabo says about courses, talks and social events (phase 2 of the handbook: a community of
 * ambassadors). Danish defines the keys; English has the same shape.
 */
export interface EventCounts {
  coming: number;
  maybe: number;
  notComing: number;
  unanswered: number;
}

const when = (day: string, from: string, to: string | null): string =>
  `${day} kl. ${from}${to ? `–${to}` : ''}`;

export const eventsDa = {
  eventLine: (
    title: string,
    day: string,
    from: string,
    to: string | null,
    place?: string,
  ): string => `📅 ${title} — ${when(day, from, to)}${place ? `, ${place}` : ''}`,
  eventPreview: (line: string, invitees: number, areas: string): string =>
    `${line}\n\nJeg sender invitationen til ${invitees} ${invitees === 1 ? 'ambassadør' : 'ambassadører'} i ${areas}. De svarer med en knap, og dagen før får de, der kommer, en påmindelse.`,
  eventSendButton: (): string => 'Send invitationen',
  eventCancelButton: (): string => 'Annullér',
  eventCancelled: (): string => 'Invitationen er ikke sendt.',
  eventSent: (sent: number, unreachable: string[]): string =>
    `✅ Invitationen er sendt til ${sent} ${sent === 1 ? 'ambassadør' : 'ambassadører'}.${unreachable.length > 0 ? ` Jeg kunne ikke nå ${unreachable.join(', ')} — sig det gerne til dem selv.` : ''} Skriv «arrangementer» for at se, hvem der kommer.`,
  eventNoInvitees: (): string =>
    'Der er ingen aktive ambassadører at invitere endnu. Tilføj dem med «tilføj ambassadør».',
  eventProblem: (problem: AnnouncementProblem): string => {
    switch (problem) {
      case 'missing_title':
        return 'Hvad hedder arrangementet? Skriv fx «arrangement: Kursus i konfliktnedtrapning 14/1 kl 17-19 i fælleshuset».';
      case 'missing_date':
        return 'Hvilken dag er det? Skriv fx «arrangement: Kursus i konfliktnedtrapning 14/1 kl 17-19 i fælleshuset».';
      case 'missing_time':
        return 'Hvad er klokken? Skriv fx «arrangement: Kursus i konfliktnedtrapning 14/1 kl 17-19 i fælleshuset».';
      case 'in_the_past':
        return 'Den dato er allerede passeret — tjek datoen og skriv det igen.';
    }
  },
  eventInvitation: (coordinator: string, line: string): string =>
    `${coordinator} inviterer:\n${line}\n\nKommer du?`,
  eventAnswerLabel: (answer: EventAnswer): string =>
    answer === 'coming' ? 'Kommer' : answer === 'maybe' ? 'Måske' : 'Kommer ikke',
  eventAnswered: (line: string, answer: EventAnswer): string =>
    `${line}\nDit svar: ${answer === 'coming' ? 'kommer ✅' : answer === 'maybe' ? 'måske 🤔' : 'kommer ikke'}. ${answer === 'not_coming' ? 'Tak fordi du siger til.' : 'Du får en påmindelse dagen før.'} Du kan skifte svar under «arrangementer».`,
  eventGone: (): string => 'Det arrangement findes ikke længere.',
  eventNotInvited: (): string => 'Du er ikke inviteret til det arrangement.',
  eventsNone: (): string =>
    'Der er ingen kommende arrangementer. Koordinatoren kan invitere med fx «arrangement: Sommerfest 20/6 kl 14 i gården».',
  eventsTitle: (): string => 'Kommende arrangementer:',
  eventCounts: (counts: EventCounts): string =>
    `${counts.coming} kommer · ${counts.maybe} måske · ${counts.notComing} kommer ikke · ${counts.unanswered} har ikke svaret`,
  eventComingNames: (names: string[]): string => `Kommer: ${names.join(', ')}`,
  eventOwnAnswer: (answer: EventAnswer | undefined): string =>
    answer
      ? `Dit svar: ${eventsDa.eventAnswerLabel(answer).toLocaleLowerCase('da')}`
      : 'Du har ikke svaret endnu.',
  eventAttendanceButton: (): string => 'Tag fremmøde',
  eventAttendanceTitle: (line: string): string =>
    `Fremmøde — ${line}\nTryk ved hver, om de kom. Det tæller med i status og i rapporten.`,
  eventAttendancePerson: (name: string, attended: boolean | undefined): string =>
    `${name}: ${attended === undefined ? '—' : attended ? 'kom ✅' : 'kom ikke'}`,
  eventAttendedButton: (): string => 'Kom',
  eventAbsentButton: (): string => 'Kom ikke',
  eventsRecent: (): string => 'Afholdt for nylig (tag fremmøde):',
  eventReminder: (line: string): string =>
    `⏰ Påmindelse: i morgen er der ${line.replace(/^📅 /, '')}. Vi ses! Kan du alligevel ikke, så skriv «arrangementer» og skift dit svar.`,
  checkInAwayFromEvents: (name: string, months: number): string =>
    `📅 ${name} har ikke været med til et arrangement i ${months} måneder — måske værd at nævne i jeres snak.`,
  statusInactive: (names: string[], months: number): string =>
    `Ikke været med til et arrangement i ${months} måneder: ${names.join(', ')} — måske værd at invitere personligt.`,
};

export const eventsEn: typeof eventsDa = {
  eventLine: (title, day, from, to, place) =>
    `📅 ${title} — ${day} at ${from}${to ? `–${to}` : ''}${place ? `, ${place}` : ''}`,
  eventPreview: (line, invitees, areas) =>
    `${line}\n\nI will send the invitation to ${invitees} ${invitees === 1 ? 'ambassador' : 'ambassadors'} in ${areas}. They answer with a button, and those coming get a reminder the day before.`,
  eventSendButton: () => 'Send the invitation',
  eventCancelButton: () => 'Cancel',
  eventCancelled: () => 'The invitation was not sent.',
  eventSent: (sent, unreachable) =>
    `✅ The invitation went to ${sent} ${sent === 1 ? 'ambassador' : 'ambassadors'}.${unreachable.length > 0 ? ` I could not reach ${unreachable.join(', ')} — please tell them yourself.` : ''} Write "events" to see who is coming.`,
  eventNoInvitees: () =>
    'There are no active ambassadors to invite yet. Add them with "add ambassador".',
  eventProblem: (problem) => {
    switch (problem) {
      case 'missing_title':
        return 'What is the event called? Write e.g. "event: De-escalation course 14/1 17-19 in the community hall".';
      case 'missing_date':
        return 'Which day is it? Write e.g. "event: De-escalation course 14/1 17-19 in the community hall".';
      case 'missing_time':
        return 'What time is it? Write e.g. "event: De-escalation course 14/1 17-19 in the community hall".';
      case 'in_the_past':
        return 'That date has passed — check it and write it again.';
    }
  },
  eventInvitation: (coordinator, line) => `${coordinator} invites you:\n${line}\n\nAre you coming?`,
  eventAnswerLabel: (answer) =>
    answer === 'coming' ? 'Coming' : answer === 'maybe' ? 'Maybe' : 'Not coming',
  eventAnswered: (line, answer) =>
    `${line}\nYour answer: ${answer === 'coming' ? 'coming ✅' : answer === 'maybe' ? 'maybe 🤔' : 'not coming'}. ${answer === 'not_coming' ? 'Thanks for letting us know.' : 'You will get a reminder the day before.'} You can change it under "events".`,
  eventGone: () => 'That event no longer exists.',
  eventNotInvited: () => 'You are not invited to that event.',
  eventsNone: () =>
    'There are no upcoming events. The coordinator can invite with e.g. "event: Summer party 20/6 14:00 in the yard".',
  eventsTitle: () => 'Upcoming events:',
  eventCounts: (counts) =>
    `${counts.coming} coming · ${counts.maybe} maybe · ${counts.notComing} not coming · ${counts.unanswered} not answered`,
  eventComingNames: (names) => `Coming: ${names.join(', ')}`,
  eventOwnAnswer: (answer) =>
    answer
      ? `Your answer: ${eventsEn.eventAnswerLabel(answer).toLowerCase()}`
      : 'You have not answered yet.',
  eventAttendanceButton: () => 'Take attendance',
  eventAttendanceTitle: (line) =>
    `Attendance — ${line}\nPress for each whether they came. It counts in the status and the report.`,
  eventAttendancePerson: (name, attended) =>
    `${name}: ${attended === undefined ? '—' : attended ? 'came ✅' : 'did not come'}`,
  eventAttendedButton: () => 'Came',
  eventAbsentButton: () => 'Did not come',
  eventsRecent: () => 'Held recently (take attendance):',
  eventReminder: (line) =>
    `⏰ Reminder: tomorrow there is ${line.replace(/^📅 /, '')}. See you! If you cannot come after all, write "events" and change your answer.`,
  checkInAwayFromEvents: (name, months) =>
    `📅 ${name} has not been to an event for ${months} months — perhaps worth mentioning when you talk.`,
  statusInactive: (names, months) =>
    `Not at any event for ${months} months: ${names.join(', ')} — perhaps worth a personal invitation.`,
};
