import type { AttemptOutcome, ClosingReason } from '../../models/types.js';
import type { OutcomeChoice } from '../../kernel/door-outcomes.js';

/** Danish, the default. Short, friendly, and always says what happens next. */
export const da = {
  unknownPerson: (): string =>
    'Hej! Jeg kender dig ikke endnu. Bed din koordinator om at tilføje dig som naboambassadør, så kan vi komme i gang.',
  notUnderstood: (): string => 'Det forstod jeg ikke helt. Hvad vil du gerne?',
  help: (): string =>
    [
      'Hej, jeg er Nabo 👋 Jeg holder styr på dine velkomstbesøg.',
      '• Skriv «mine besøg» for at se, hvem du skal byde velkommen.',
      '• Fortæl bare med dine egne ord, hvordan et besøg gik, fx «ikke hjemme, lagde mappen i postkassen» eller «mødte dem».',
      '• «fortryd» fjerner din seneste besked om et besøg.',
      '• «pause til 1. januar» eller «jeg kan tage 3 om måneden» ændrer, hvor mange besøg du får.',
      '• «arrangementer» viser kurser og fællesarrangementer for ambassadørerne og dit svar.',
    ].join('\n'),
  greeting: (name: string): string =>
    `Hej ${name} 👋 Jeg er Nabo og holder styr på dine velkomstbesøg. Fortæl mig med dine egne ord, hvordan et besøg gik (fx «ikke hjemme hos Hansen, lagde mappen»), eller skriv «mine besøg» eller «hjælp».`,
  thanks: (): string => 'Selv tak! 😊',
  noOpenVisits: (): string =>
    'Du har ingen åbne besøg lige nu. Jeg skriver, når der er nye beboere at byde velkommen.',
  openVisitsIntro: (count: number): string =>
    `${count === 1 ? 'Du har 1 åbent besøg' : `Du har ${count} åbne besøg`}. Tryk på en knap, eller fortæl med dine egne ord, hvordan det gik:`,
  householdLine: (household: string, address: string, movedIn: string): string =>
    `${household} — ${address} · flyttede ind ${movedIn}`,
  attemptsSoFar: (count: number): string =>
    count === 1 ? '1 forsøg indtil nu' : `${count} forsøg indtil nu`,
  outcomeButton: (choice: OutcomeChoice): string =>
    ({
      met: 'Mødt',
      not_home_folder: 'Ikke hjemme – mappe lagt',
      not_home: 'Ikke hjemme',
      postponed: 'Kom igen senere',
      declined: 'Takkede nej',
      moved: 'Flyttet / forkert adresse',
    })[choice],
  privateOnly: (): string =>
    'Beboernes navne viser jeg kun i en privat besked. Skriv til mig direkte, så sender jeg listen dér.',
  visitsWord: (): string => 'besøg',
  helpButton: (): string => 'Hjælp',
  myVisitsButton: (): string => 'Mine besøg',
  reportVisitButton: (): string => 'Fortæl om et besøg',
  askOutcome: (household: string): string => `Hvordan gik det hos ${household}?`,
  askWhichHousehold: (): string => 'Hvilken husstand handler det om?',
  notOnYourList: (written: string): string =>
    `${written} er ikke på din liste. Hvilken husstand handler det om?`,
  reportTooLong: (length: number, max: number): string =>
    `Din besked er for lang til, at jeg kan gemme den (${length.toLocaleString('da-DK')} tegn, højst ${max.toLocaleString('da-DK')}). Skriv den gerne kortere — jeg har ikke gemt noget.`,
  tellMeLater: (household: string): string =>
    `Skriv gerne bagefter, hvordan det gik hos ${household}.`,
  sensitiveNote: (note: string): string =>
    `Husk tavshedspligten 🤫 Noten «${note}» ser ud til at handle om noget personligt. Skal jeg gemme den?`,
  keepNoteButton: (): string => 'Ja, gem noten',
  dropNoteButton: (): string => 'Nej, slet noten',
  noteKept: (): string => '✓ Noten gemmes.',
  noteDropped: (): string => '✓ Noten er slettet.',
  reportRecorded: (
    outcome: AttemptOutcome,
    household: string,
    folderLeft: boolean | null,
  ): string => {
    const folder =
      folderLeft === true ? ', og mappen er afleveret' : folderLeft === false ? ', uden mappe' : '';
    switch (outcome) {
      case 'met':
        return `✅ Noteret: du mødte ${household}${folder}.`;
      case 'not_home':
        return `📬 Noteret: ${household} var ikke hjemme${folderLeft === true ? ', og mappen ligger i postkassen' : folder}.`;
      case 'postponed':
        return `🕑 Noteret: ${household} bad dig komme igen${folder}.`;
      case 'declined':
        return `Noteret: ${household} takkede nej${folder}.`;
      case 'moved':
        return `Noteret: ${household} bor der ikke (flyttet eller forkert adresse).`;
    }
  },
  visitClosed: (reason: ClosingReason): string =>
    ({
      met: 'Besøget er afsluttet — tak for indsatsen! 🎉',
      declined: 'Besøget er afsluttet.',
      moved: 'Besøget er afsluttet, og koordinatoren kan se det i oversigten.',
      folder_delivered_not_met:
        'Det var sidste forsøg, så besøget er afsluttet som «mappe afleveret, ikke mødt».',
      not_reached: 'Det var sidste forsøg, så besøget er afsluttet som «ikke truffet».',
      erased: 'Besøget er afsluttet.',
    })[reason],
  nextTry: (day: string): string => `Næste forsøg: ${day}.`,
  noteSaved: (note: string): string => `Note: «${note}».`,
  undoHint: (): string => 'Skriv «fortryd», hvis det ikke passer.',
  notYourVisit: (): string =>
    'Det besøg kan jeg ikke finde blandt dine. Skriv «mine besøg» for at se dine.',
  visitAlreadyClosed: (household: string): string =>
    `Besøget hos ${household} er allerede afsluttet. Skriv «fortryd», hvis det var en fejl.`,
  alreadyRecorded: (household: string, latest: string | undefined, attempts: number): string =>
    latest
      ? `Det er allerede registreret: ${household} — «${latest}» (${attempts} forsøg i alt). Jeg har ikke noteret noget nyt.`
      : `Der er ikke registreret noget hos ${household} endnu. Skriv «mine besøg» for at få friske knapper.`,
  nothingToUndo: (): string => 'Der er ikke noget at fortryde lige nu.',
  undone: (household: string): string =>
    `↩️ Fortrudt: din seneste besked om ${household} er fjernet, og besøget er åbent igen.`,
  correcting: (household: string): string => `Jeg retter din besked om ${household}.`,
  yes: (): string => 'Ja',
  no: (): string => 'Nej',
  nothingChanged: (): string => 'Fint, jeg ændrer ikke noget.',
  pauseNeedsDate: (): string => 'Hvornår vil du gerne i gang igen? Skriv fx «pause til 1. januar».',
  confirmPause: (day: string): string =>
    `Skal jeg holde pause med nye besøg til dig indtil ${day}? Dine åbne besøg bliver liggende.`,
  paused: (day: string): string =>
    `⏸️ Pause noteret: du får ingen nye besøg før ${day}. Skriv «jeg er tilbage», hvis du vil i gang før.`,
  resumed: (): string => '▶️ Velkommen tilbage! Du får nye besøg igen ved næste fordeling.',
  capacityOutOfRange: (max: number): string =>
    `Skriv et tal mellem 1 og ${max}, fx «jeg kan tage 3 om måneden». Vil du holde pause, så skriv «pause til» og en dato.`,
  confirmCapacity: (perMonth: number): string =>
    `Skal du have højst ${perMonth} ${perMonth === 1 ? 'ny husstand' : 'nye husstande'} om måneden fra næste fordeling?`,
  capacitySet: (perMonth: number): string =>
    `👍 Noteret: højst ${perMonth} ${perMonth === 1 ? 'ny husstand' : 'nye husstande'} om måneden fra næste fordeling.`,
  languageSet: (): string => 'Fint, jeg skriver på dansk fra nu af. 🇩🇰',
  areaOverview: (
    area: string,
    open: number,
    perAmbassador: Array<{ name: string; open: number }>,
    waiting: number,
  ): string =>
    `${area}: ${open} åbne besøg` +
    (perAmbassador.length > 0
      ? ` (${perAmbassador.map((a) => `${a.name} ${a.open}`).join(', ')})`
      : '') +
    `. ${waiting === 1 ? '1 husstand venter' : `${waiting} husstande venter`} på næste fordeling.`,
  fileNotExpected: (): string =>
    'Tak for filen! Jeg kan ikke bruge den her. Skriv «hjælp» for at se, hvad jeg kan.',
};
