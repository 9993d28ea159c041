import type { CheckInStatus } from '../../models/types.js';

/**
 * What Nabo says in a check-in (individuel samtale): the questions to the ambassador, and the
 * alerts and answers for the coordinator. Danish defines the keys; English has the same shape.
 */
export type CheckInQuestion = 'mood' | 'went_well' | 'hard' | 'visits' | 'courses' | 'talk';
export type VisitsWish = 'more' | 'same' | 'fewer';
export type CourseChoice = 'culture' | 'social' | 'none';

export const checkInsDa = {
  checkInIntro: (name: string): string =>
    `Hej ${name} 👋 Det er tid til en kort snak om, hvordan det går som naboambassadør. Det tager 2 minutter, og kun din koordinator ser dine svar.`,
  checkInQuestion: (question: CheckInQuestion): string =>
    ({
      mood: 'Hvordan går det? Tryk 1 (skidt) til 5 (rigtig godt).',
      went_well: 'Hvad er gået godt siden sidst? Skriv med dine egne ord.',
      hard: 'Er der noget, der har været svært? Skriv det, eller tryk «Spring over».',
      visits: 'Vil du gerne have flere eller færre besøg?',
      courses:
        'Kunne du tænke dig et kursus eller en aktivitet? Tryk, eller skriv dit eget forslag.',
      talk: 'Vil du gerne tale med koordinatoren?',
    })[question],
  checkInQuestionLabel: (question: string): string =>
    ({
      mood: 'Hvordan går det',
      went_well: 'Gået godt',
      hard: 'Svært',
      visits: 'Besøg',
      courses: 'Kurser og aktiviteter',
      talk: 'Vil tale med dig',
    })[question] ?? question,
  skipButton: (): string => 'Spring over',
  skipped: (): string => '(sprunget over)',
  visitsButton: (wish: VisitsWish): string =>
    ({ more: 'Flere', same: 'Som nu', fewer: 'Færre' })[wish],
  courseButton: (choice: CourseChoice): string =>
    ({ culture: 'Kursus om kulturmøder', social: 'Sociale arrangementer', none: 'Nej tak' })[
      choice
    ],
  yesButton: (): string => 'Ja',
  noButton: (): string => 'Nej',
  yesAnswer: (): string => 'ja',
  noAnswer: (): string => 'nej',
  checkInThanks: (wantsTalk: boolean): string =>
    `Tak for dine svar 🙏 Kun din koordinator ser dem.${wantsTalk ? ' Koordinatoren kontakter dig snart.' : ' Vi tales ved næste gang.'}`,
  checkInReminder: (): string =>
    '🔔 Har du 2 minutter til vores lille snak? Her er spørgsmålet igen:',
  checkInAlreadyAnswered: (): string =>
    'Det spørgsmål har du allerede svaret på 🙂 Jeg fortsætter med det næste.',
  checkInClosed: (): string => 'Den samtale er afsluttet. Tak for dine svar!',
  checkInNotYours: (): string => 'Den samtale er ikke din, så den kan du ikke svare på.',
  answerTooLong: (): string => 'Det blev lidt langt — skriv gerne kortere (højst 1000 tegn).',
  checkInHowToAnswer: (question: CheckInQuestion): string =>
    ({
      mood: 'Skriv et tal fra 1 til 5 (fx «4»), eller tryk på en knap.',
      went_well: 'Skriv dit svar, eller tryk «Spring over».',
      hard: 'Skriv dit svar, eller tryk «Spring over».',
      visits: 'Skriv «flere», «som nu» eller «færre», eller tryk på en knap.',
      courses: 'Skriv dit forslag, eller tryk på en knap.',
      talk: 'Skriv «ja» eller «nej», eller tryk på en knap.',
    })[question],
  // The coordinator's side
  checkInRequested: (name: string): string =>
    `✓ Jeg sender ${name} et par korte spørgsmål nu. Du får besked med det samme, hvis der er noget, og kan læse svarene med «svar fra ${name}».`,
  checkInAlreadyPending: (name: string): string =>
    `${name} har allerede en samtale i gang. Læs svarene indtil nu med «svar fra ${name}».`,
  checkInUnavailable: (): string =>
    'Jeg kan ikke sende spørgsmål lige nu (planlæggeren kører ikke). Prøv igen om lidt.',
  ambassadorNotFound: (name: string): string =>
    `Jeg kan ikke finde en ambassadør, der hedder «${name}», i dit område. Tjek stavningen.`,
  ambassadorAmbiguous: (name: string, options: string): string =>
    `Der er flere, der hedder «${name}»: ${options}. Skriv det fulde navn.`,
  onlyCoordinatorsCheckIn: (): string =>
    'Samtalerne holder koordinatoren. Vil du gerne tale med koordinatoren, så skriv til hende eller ham direkte.',
  checkInAnswersPrivate: (): string =>
    'Svarene fra samtalerne kan kun koordinatoren se. Dine egne svar er gemt, og koordinatoren vender tilbage, hvis der er noget.',
  alertLowScore: (name: string, score: number): string =>
    `⚠️ ${name} svarede ${score}/5 på «hvordan går det?» i sin samtale. Måske er det tid til en snak?`,
  alertWantsTalk: (name: string): string => `💬 ${name} vil gerne tale med dig.`,
  alertFewerVisits: (name: string, capacity: number): string =>
    `📉 ${name} vil gerne have færre besøg (nu højst ${capacity} om måneden). Skal jeg sænke det?`,
  lowerCapacityButton: (perMonth: number): string => `Sænk til ${perMonth}`,
  keepCapacityButton: (perMonth: number): string => `Behold ${perMonth}`,
  readAnswersButton: (): string => 'Læs svarene',
  capacityLowered: (name: string, perMonth: number): string =>
    `✓ ${name} får nu højst ${perMonth} besøg om måneden fra næste fordeling.`,
  capacityKept: (name: string, perMonth: number): string =>
    `✓ ${name} beholder ${perMonth} besøg om måneden.`,
  capacityAlreadyDecided: (): string => 'Det er allerede besluttet.',
  checkInStatusWord: (status: CheckInStatus): string =>
    ({ pending: 'i gang', answered: 'besvaret', missed: 'ikke besvaret' })[status],
  checkInAnswersTitle: (name: string, day: string, status: string): string =>
    `🗒️ Samtale med ${name}, ${day} (${status}):`,
  checkInAnswerLine: (label: string, answer: string): string => `• ${label}: ${answer}`,
  checkInNoAnswersYet: (): string => 'Ingen svar endnu.',
  noCheckInYet: (name: string): string =>
    `${name} har ikke haft en samtale endnu. Skriv «check-in med ${name}» for at starte en.`,
};

export const checkInsEn: typeof checkInsDa = {
  checkInIntro: (name) =>
    `Hi ${name} 👋 Time for a short chat about how it is going as a neighbour ambassador. It takes 2 minutes, and only your coordinator sees your answers.`,
  checkInQuestion: (question) =>
    ({
      mood: 'How is it going? Tap 1 (poorly) to 5 (really well).',
      went_well: 'What has gone well since last time? Tell me in your own words.',
      hard: 'Has anything been hard? Write it, or tap "Skip".',
      visits: 'Would you like more or fewer visits?',
      courses: 'Would you like a course or an activity? Tap one, or write your own idea.',
      talk: 'Would you like to talk with the coordinator?',
    })[question],
  checkInQuestionLabel: (question) =>
    ({
      mood: 'How it is going',
      went_well: 'Went well',
      hard: 'Hard',
      visits: 'Visits',
      courses: 'Courses and activities',
      talk: 'Wants to talk with you',
    })[question] ?? question,
  skipButton: () => 'Skip',
  skipped: () => '(skipped)',
  visitsButton: (wish) => ({ more: 'More', same: 'As now', fewer: 'Fewer' })[wish],
  courseButton: (choice) =>
    ({ culture: 'Course on cultural encounters', social: 'Social events', none: 'No thanks' })[
      choice
    ],
  yesButton: () => 'Yes',
  noButton: () => 'No',
  yesAnswer: () => 'yes',
  noAnswer: () => 'no',
  checkInThanks: (wantsTalk) =>
    `Thank you for your answers 🙏 Only your coordinator sees them.${wantsTalk ? ' The coordinator will contact you soon.' : ' We will talk again next time.'}`,
  checkInReminder: () =>
    '🔔 Do you have 2 minutes for our little chat? Here is the question again:',
  checkInAlreadyAnswered: () =>
    'You have already answered that question 🙂 I will go on with the next one.',
  checkInClosed: () => 'That check-in is closed. Thank you for your answers!',
  checkInNotYours: () => 'That check-in is not yours, so you cannot answer it.',
  answerTooLong: () => 'That was a bit long — please keep it shorter (at most 1000 characters).',
  checkInHowToAnswer: (question) =>
    ({
      mood: 'Write a number from 1 to 5 (e.g. "4"), or tap a button.',
      went_well: 'Write your answer, or tap "Skip".',
      hard: 'Write your answer, or tap "Skip".',
      visits: 'Write "more", "same" or "fewer", or tap a button.',
      courses: 'Write your suggestion, or tap a button.',
      talk: 'Write "yes" or "no", or tap a button.',
    })[question],
  checkInRequested: (name) =>
    `✓ I am sending ${name} a few short questions now. You will hear at once if anything needs you, and can read the answers with "answers from ${name}".`,
  checkInAlreadyPending: (name) =>
    `${name} already has a check-in under way. Read the answers so far with "answers from ${name}".`,
  checkInUnavailable: () =>
    'I cannot send questions right now (the scheduler is not running). Please try again shortly.',
  ambassadorNotFound: (name) =>
    `I cannot find an ambassador called "${name}" in your area. Please check the spelling.`,
  ambassadorAmbiguous: (name, options) =>
    `Several people are called "${name}": ${options}. Please write the full name.`,
  onlyCoordinatorsCheckIn: () =>
    'Check-ins are held by the coordinator. If you would like to talk with them, write to them directly.',
  checkInAnswersPrivate: () =>
    'Only the coordinator can see the answers from check-ins. Your own answers are saved, and the coordinator will get back to you if needed.',
  alertLowScore: (name, score) =>
    `⚠️ ${name} answered ${score}/5 to "how is it going?" in their check-in. Perhaps time for a chat?`,
  alertWantsTalk: (name) => `💬 ${name} would like to talk with you.`,
  alertFewerVisits: (name, capacity) =>
    `📉 ${name} would like fewer visits (now at most ${capacity} a month). Shall I lower it?`,
  lowerCapacityButton: (perMonth) => `Lower to ${perMonth}`,
  keepCapacityButton: (perMonth) => `Keep ${perMonth}`,
  readAnswersButton: () => 'Read the answers',
  capacityLowered: (name, perMonth) =>
    `✓ ${name} now gets at most ${perMonth} visits a month from the next hand-out.`,
  capacityKept: (name, perMonth) => `✓ ${name} keeps ${perMonth} visits a month.`,
  capacityAlreadyDecided: () => 'That has already been decided.',
  checkInStatusWord: (status) =>
    ({ pending: 'under way', answered: 'answered', missed: 'not answered' })[status],
  checkInAnswersTitle: (name, day, status) => `🗒️ Check-in with ${name}, ${day} (${status}):`,
  checkInAnswerLine: (label, answer) => `• ${label}: ${answer}`,
  checkInNoAnswersYet: () => 'No answers yet.',
  noCheckInYet: (name) =>
    `${name} has not had a check-in yet. Write "check-in with ${name}" to start one.`,
};
