import type { LeftReason } from '../../models/types.js';

/**
 * What Nabo says about the ambassador corps and the volunteer agreement. Coordinators are social
 * workers, not engineers: every answer says what happened and what comes next, in their words.
 * Danish defines the keys; English has the same shape.
 */

export type CorpsStateLabel = 'active' | 'paused' | 'awaiting_agreement';

export const coordinatorDa = {
  coordinatorOnly: (): string =>
    'Det er koordinatoren, der klarer det 🙂 Skriv til din koordinator, så hjælper de. Jeg har ikke ændret noget.',
  whichArea: (): string => 'Hvilket boligområde gælder det?',
  whichAmbassador: (): string => 'Hvem af dem mener du?',
  corpsAmbassadorNotFound: (who: string): string =>
    `Jeg kan ikke finde «${who}» i korpset. Skriv «ambassadører» for at se, hvem der er med.`,
  corpsTitle: (area: string, count: number): string =>
    `👥 ${area}: ${count} ${count === 1 ? 'ambassadør' : 'ambassadører'}`,
  corpsMemberLine: (
    name: string,
    state: string,
    thisMonth: number,
    capacity: number,
    languages: string[],
  ): string =>
    `• ${name} — ${state} · ${thisMonth}/${capacity} denne måned` +
    (languages.length > 0 ? ` · ${languages.join(', ')}` : ''),
  corpsState: (state: CorpsStateLabel, pausedUntil: string | undefined): string =>
    ({
      active: 'aktiv',
      paused: pausedUntil ? `pause til ${pausedUntil}` : 'pause',
      awaiting_agreement: '⏳ mangler at bekræfte tavshedspligt',
    })[state],
  corpsLeftCount: (count: number): string =>
    count === 1 ? '(1 er stoppet)' : `(${count} er stoppet)`,
  corpsEmpty: (area: string): string => `👥 ${area}: ingen ambassadører endnu.`,
  corpsHint: (): string =>
    'Skriv fx «tilføj ambassadør Birgit Sørensen», «ret Birgit: kapacitet 3», «pause Birgit til 1. februar» eller «Birgit er stoppet».',
  addFormTitle: (): string => 'Ny ambassadør',
  addFormIntro: (): string => 'Udfyld kortet, så tilføjer jeg den nye ambassadør:',
  editFormTitle: (): string => 'Ret ambassadør',
  editFormIntro: (name: string): string => `Ret oplysningerne om ${name}:`,
  corpsFormSubmit: (): string => 'Gem',
  fieldName: (): string => 'Navn',
  fieldLanguages: (): string => 'Sprog (fx dansk, arabisk)',
  fieldBlock: (): string => 'Blok',
  fieldStairwell: (): string => 'Opgang',
  fieldCapacity: (max: number): string => `Husstande om måneden (0–${max})`,
  corpsEditButton: (): string => 'Ret oplysninger',
  corpsCancelButton: (): string => 'Annullér',
  askNewAmbassadorName: (): string => 'Hvad hedder den nye ambassadør (fulde navn)?',
  profileSummary: (
    languages: string[],
    block: string | undefined,
    stairwell: string | undefined,
    capacity: number,
  ): string =>
    [
      languages.length > 0 ? `sprog: ${languages.join(', ')}` : 'intet sprog angivet',
      block ? `blok ${block}` : '',
      stairwell ? `opgang ${stairwell}` : '',
      `${capacity} om måneden`,
    ]
      .filter(Boolean)
      .join(' · '),
  ambassadorAdded: (name: string, area: string, summary: string): string =>
    `✅ ${name} er med i korpset i ${area} (${summary}).`,
  welcomeSent: (first: string): string =>
    `Jeg har sendt ${first} en velkomst med en knap til frivilligaftalen og tavshedspligten.`,
  welcomeLater: (first: string): string =>
    `${first} får velkomsten, første gang ${first} skriver til mig.`,
  noIdentityYet: (first: string): string =>
    `Jeg ved ikke, hvem ${first} er i chatten endnu. Nævn personen, fx «ret ${first}: @${first}», så kan ${first} skrive til mig.`,
  agreementPendingNote: (first: string): string =>
    `${first} får ingen husstande og ser ingen beboere, før tavshedspligten er bekræftet.`,
  alreadyInCorps: (name: string): string =>
    `${name} er allerede i korpset. Vil du rette oplysningerne?`,
  identityTaken: (): string =>
    'Den person er allerede med i Nabo. Skriv «ambassadører» for at se korpset.',
  invalidLanguages: (): string =>
    'Jeg kender ikke et af sprogene. Skriv dem som fx «dansk, arabisk» eller «da, ar».',
  capacityInvalid: (max: number): string =>
    `Antal husstande om måneden skal være et helt tal fra 0 til ${max}. Prøv igen.`,
  detailsNotUnderstood: (parts: string[]): string =>
    (parts.length > 0 ? `Jeg forstod ikke «${parts.join('», «')}». ` : '') +
    'Skriv fx «kapacitet 3, sprog arabisk og dansk, blok B4, opgang 10». Intet er ændret.',
  profileUpdated: (name: string, summary: string): string => `✓ ${name} er opdateret: ${summary}.`,
  identityLinked: (name: string): string =>
    `✓ ${name} er forbundet. Velkomsten kommer, første gang ${name.split(' ')[0]} skriver til mig.`,
  personHasLeft: (name: string): string =>
    `${name} er stoppet som ambassadør, så jeg har ikke ændret noget.`,
  corpsPaused: (name: string, day: string): string =>
    `⏸️ ${name} holder pause og får ingen nye husstande før ${day}. Skriv «genoptag ${name.split(' ')[0]}» for at stoppe pausen før.`,
  corpsPauseNeedsDate: (first: string): string =>
    `Til hvilken dato? Skriv fx «pause ${first} til 1. februar».`,
  corpsResumed: (name: string): string =>
    `▶️ ${name} er aktiv igen og får husstande ved næste fordeling.`,
  corpsAgreementOnPaper: (name: string): string =>
    `✓ Noteret: ${name} har skrevet under på papir (frivilligaftale og tavshedspligt). ${name.split(' ')[0]} får husstande ved næste fordeling uden at skulle bekræfte i chatten.`,
  corpsAgreementAlready: (name: string): string =>
    `${name} har allerede sagt ja til aftalen, så der er intet at ændre.`,
  corpsVisitsReturned: (name: string, count: number): string =>
    `${count === 1 ? '1 husstand' : `${count} husstande`}, som ${name.split(' ')[0]} ikke havde nået, er lagt tilbage i puljen. Skal jeg fordele ${count === 1 ? 'den' : 'dem'} nu?`,
  corpsHandOutNow: (): string => 'Ja, fordel nu',
  emptyDoorsNudge: (name: string, count: number): string =>
    `🚪 ${name} har mødt en tom dør ${count} gange i træk. Overvej en snak — måske passer tidspunkterne dårligt, eller ${name.split(' ')[0]} kunne bruge lidt opmuntring.`,
  corpsHandOutLater: (): string => 'Senere',
  corpsHandOutLaterDone: (): string =>
    'Fint, de venter i puljen og bliver fordelt ved næste månedlige fordeling.',
  corpsHandedOutNow: (count: number, ambassadors: number): string =>
    count === 0
      ? 'Ingen husstande kunne fordeles nu (ingen ambassadør har plads). De venter i puljen til næste fordeling.'
      : `✓ ${count === 1 ? '1 husstand' : `${count} husstande`} er fordelt til ${ambassadors === 1 ? '1 ambassadør' : `${ambassadors} ambassadører`}, som får besked.`,
  askLeaveReason: (name: string, open: number): string =>
    `Hvorfor stopper ${name}?` +
    (open > 0
      ? ` (${open === 1 ? '1 åbent besøg' : `${open} åbne besøg`} står stadig på ${name.split(' ')[0]}.)`
      : ''),
  leaveReasonButton: (reason: LeftReason): string =>
    ({ moved: 'Flyttet', stopped: 'Stoppet', other: 'Andet' })[reason],
  corpsLeft: (name: string, reason: string, open: number): string =>
    `✓ ${name} er markeret som stoppet (${reason.toLocaleLowerCase('da')}). Tak for indsatsen! Historikken bliver gemt.` +
    (open > 0
      ? ` ${open === 1 ? '1 åbent besøg' : `${open} åbne besøg`} mangler stadig — giv dem videre til en anden ambassadør.`
      : ''),
  ambassadorWelcome: (first: string, area: string): string =>
    [
      `Hej ${first}, velkommen som naboambassadør${area ? ` i ${area}` : ''}! 👋 Jeg er Nabo.`,
      'Hver måned giver jeg dig nye naboer at byde velkommen.',
      'Du ringer på med velkomstmappen; er de ikke hjemme, lægger du mappen i postkassen.',
      'Bagefter fortæller du mig med dine egne ord, hvordan det gik.',
      'Spørg mig også om mappen, fx «varmemesterens nummer?» eller «hvornår er der madklub?».',
      'Først skal du bekræfte frivilligaftalen og tavshedspligten: det, du hører hos beboerne, bliver hos dig.',
    ].join('\n'),
  agreementConfirmButton: (): string => 'Jeg bekræfter aftalen og tavshedspligten',
  agreementNeeded: (): string =>
    'Før jeg kan vise dig beboere, skal du bekræfte frivilligaftalen og tavshedspligten. Tryk på knappen:',
  agreementConfirmed: (): string =>
    '🙏 Tak! Du er klar. Jeg skriver, når du får nye naboer at byde velkommen. Skriv «hjælp» for at se, hvad jeg kan.',
  agreementAlready: (): string =>
    'Du har allerede bekræftet. Tak! Skriv «mine besøg» for at se dine besøg.',
};

export const coordinatorEn: typeof coordinatorDa = {
  coordinatorOnly: (): string =>
    "That's a job for the coordinator 🙂 Please ask your coordinator. I haven't changed anything.",
  whichArea: (): string => 'Which estate is it for?',
  whichAmbassador: (): string => 'Which of them do you mean?',
  corpsAmbassadorNotFound: (who: string): string =>
    `I can't find "${who}" in the corps. Write "ambassadors" to see who is in it.`,
  corpsTitle: (area: string, count: number): string =>
    `👥 ${area}: ${count} ${count === 1 ? 'ambassador' : 'ambassadors'}`,
  corpsMemberLine: (
    name: string,
    state: string,
    thisMonth: number,
    capacity: number,
    languages: string[],
  ): string =>
    `• ${name} — ${state} · ${thisMonth}/${capacity} this month` +
    (languages.length > 0 ? ` · ${languages.join(', ')}` : ''),
  corpsState: (state: CorpsStateLabel, pausedUntil: string | undefined): string =>
    ({
      active: 'active',
      paused: pausedUntil ? `paused until ${pausedUntil}` : 'paused',
      awaiting_agreement: '⏳ has not confirmed confidentiality yet',
    })[state],
  corpsLeftCount: (count: number): string =>
    count === 1 ? '(1 has left)' : `(${count} have left)`,
  corpsEmpty: (area: string): string => `👥 ${area}: no ambassadors yet.`,
  corpsHint: (): string =>
    'Write e.g. "add ambassador Birgit Sørensen", "edit Birgit: capacity 3", "pause Birgit until 1 February" or "Birgit has left".',
  addFormTitle: (): string => 'New ambassador',
  addFormIntro: (): string => 'Fill in the card and I will add the new ambassador:',
  editFormTitle: (): string => 'Edit ambassador',
  editFormIntro: (name: string): string => `Edit the details of ${name}:`,
  corpsFormSubmit: (): string => 'Save',
  fieldName: (): string => 'Name',
  fieldLanguages: (): string => 'Languages (e.g. Danish, Arabic)',
  fieldBlock: (): string => 'Block',
  fieldStairwell: (): string => 'Stairwell',
  fieldCapacity: (max: number): string => `Households per month (0–${max})`,
  corpsEditButton: (): string => 'Edit details',
  corpsCancelButton: (): string => 'Cancel',
  askNewAmbassadorName: (): string => "What is the new ambassador's full name?",
  profileSummary: (
    languages: string[],
    block: string | undefined,
    stairwell: string | undefined,
    capacity: number,
  ): string =>
    [
      languages.length > 0 ? `languages: ${languages.join(', ')}` : 'no language given',
      block ? `block ${block}` : '',
      stairwell ? `stairwell ${stairwell}` : '',
      `${capacity} per month`,
    ]
      .filter(Boolean)
      .join(' · '),
  ambassadorAdded: (name: string, area: string, summary: string): string =>
    `✅ ${name} has joined the corps in ${area} (${summary}).`,
  welcomeSent: (first: string): string =>
    `I have sent ${first} a welcome with a button for the volunteer agreement and confidentiality.`,
  welcomeLater: (first: string): string =>
    `${first} will get the welcome the first time ${first} writes to me.`,
  noIdentityYet: (first: string): string =>
    `I don't know who ${first} is in the chat yet. Mention them, e.g. "edit ${first}: @${first}", so ${first} can write to me.`,
  agreementPendingNote: (first: string): string =>
    `${first} gets no households and sees no residents until confidentiality is confirmed.`,
  alreadyInCorps: (name: string): string =>
    `${name} is already in the corps. Do you want to edit the details?`,
  identityTaken: (): string =>
    'That person is already in Nabo. Write "ambassadors" to see the corps.',
  invalidLanguages: (): string =>
    'I don\'t know one of the languages. Write them like "Danish, Arabic" or "da, ar".',
  capacityInvalid: (max: number): string =>
    `Households per month must be a whole number from 0 to ${max}. Please try again.`,
  detailsNotUnderstood: (parts: string[]): string =>
    (parts.length > 0 ? `I didn't understand "${parts.join('", "')}". ` : '') +
    'Write e.g. "capacity 3, languages Arabic and Danish, block B4, stairwell 10". Nothing has changed.',
  profileUpdated: (name: string, summary: string): string => `✓ ${name} is updated: ${summary}.`,
  identityLinked: (name: string): string =>
    `✓ ${name} is connected. The welcome comes the first time ${name.split(' ')[0]} writes to me.`,
  personHasLeft: (name: string): string =>
    `${name} has left the programme, so I haven't changed anything.`,
  corpsPaused: (name: string, day: string): string =>
    `⏸️ ${name} is on a break and gets no new households before ${day}. Write "resume ${name.split(' ')[0]}" to end the break sooner.`,
  corpsPauseNeedsDate: (first: string): string =>
    `Until which date? Write e.g. "pause ${first} until 1 February".`,
  corpsResumed: (name: string): string =>
    `▶️ ${name} is active again and gets households at the next hand-out.`,
  corpsAgreementOnPaper: (name: string): string =>
    `✓ Noted: ${name} signed on paper (volunteer agreement and confidentiality). ${name.split(' ')[0]} gets households at the next hand-out without confirming in chat.`,
  corpsAgreementAlready: (name: string): string =>
    `${name} has already agreed, so there is nothing to change.`,
  corpsVisitsReturned: (name: string, count: number): string =>
    `${count === 1 ? '1 household' : `${count} households`} ${name.split(' ')[0]} had not reached yet ${count === 1 ? 'is' : 'are'} back in the pool. Shall I hand ${count === 1 ? 'it' : 'them'} out now?`,
  corpsHandOutNow: (): string => 'Yes, hand out now',
  emptyDoorsNudge: (name: string, count: number): string =>
    `🚪 ${name} has found nobody home ${count} times in a row. Consider a chat — perhaps the times are awkward, or ${name.split(' ')[0]} could use some encouragement.`,
  corpsHandOutLater: (): string => 'Later',
  corpsHandOutLaterDone: (): string =>
    'Fine, they wait in the pool and go out with the next monthly hand-out.',
  corpsHandedOutNow: (count: number, ambassadors: number): string =>
    count === 0
      ? 'No household could be handed out now (no ambassador has room). They wait in the pool for the next hand-out.'
      : `✓ ${count === 1 ? '1 household' : `${count} households`} handed out to ${ambassadors === 1 ? '1 ambassador' : `${ambassadors} ambassadors`}, who will hear about it.`,
  askLeaveReason: (name: string, open: number): string =>
    `Why is ${name} leaving?` +
    (open > 0
      ? ` (${open === 1 ? '1 open visit' : `${open} open visits`} still belong to ${name.split(' ')[0]}.)`
      : ''),
  leaveReasonButton: (reason: LeftReason): string =>
    ({ moved: 'Moved', stopped: 'Stopped', other: 'Other' })[reason],
  corpsLeft: (name: string, reason: string, open: number): string =>
    `✓ ${name} is marked as having left (${reason.toLowerCase()}). Thank you for everything! The history is kept.` +
    (open > 0
      ? ` ${open === 1 ? '1 open visit is' : `${open} open visits are`} still waiting — please hand them to another ambassador.`
      : ''),
  ambassadorWelcome: (first: string, area: string): string =>
    [
      `Hi ${first}, welcome as a neighbour ambassador${area ? ` in ${area}` : ''}! 👋 I'm Nabo.`,
      'Every month I give you new neighbours to welcome.',
      "You ring the bell with the welcome folder; if they're out, you leave it in the mailbox.",
      'Afterwards you tell me in your own words how it went.',
      'Ask me about the folder too, e.g. "caretaker\'s number?" or "when is the dinner club?".',
      "First, please confirm the volunteer agreement and the duty of confidentiality: what you hear at residents' homes stays with you.",
    ].join('\n'),
  agreementConfirmButton: (): string => 'I confirm the agreement and confidentiality',
  agreementNeeded: (): string =>
    'Before I can show you any residents, please confirm the volunteer agreement and the duty of confidentiality. Tap the button:',
  agreementConfirmed: (): string =>
    '🙏 Thank you! You are all set. I will write when you get new neighbours to welcome. Write "help" to see what I can do.',
  agreementAlready: (): string =>
    'You have already confirmed. Thank you! Write "my visits" to see your visits.',
};
