/**
 * What Nabo says while a coordinator hands it the monthly list in chat: the preview, the import
 * and the hand-out at once. Danish defines the keys; English has the same shape.
 */

const households = (count: number): string => (count === 1 ? '1 husstand' : `${count} husstande`);
const householdsEn = (count: number): string =>
  count === 1 ? '1 household' : `${count} households`;
const numberDa = (value: number): string => value.toLocaleString('da-DK');
const numberEn = (value: number): string => value.toLocaleString('en-GB');

export const residentListDa = {
  listPrivateOnly: (): string =>
    'Listen indeholder beboernes navne, så send den til mig i en privat besked. Jeg har ikke læst den her.',
  listTooLarge: (maxMb: number): string =>
    `Filen er for stor (over ${maxMb} MB). En månedsliste fylder normalt langt mindre — tjek, at det er den rigtige fil, og send den igen.`,
  listWrongFormat: (): string =>
    'Den fil kan jeg ikke læse. Send listen som CSV (fx «CSV (semikolonsepareret)» fra Excel) eller som .xlsx.',
  listOldExcel: (): string =>
    'Det er et gammelt Excel-format (.xls). Gem filen som .xlsx eller «CSV (semikolonsepareret)», og send den igen.',
  listUnreadable: (): string =>
    'Jeg kunne ikke finde nogen rækker i filen. Tjek, at den har en overskriftsrække med navn, adresse og indflytningsdato, og send den igen.',
  listDownloadFailed: (): string =>
    'Jeg kunne ikke hente filen, så jeg har ikke læst den. Prøv at sende den igen om lidt.',
  listReadFailed: (): string =>
    'Noget gik galt, mens jeg læste filen, og intet er gemt. Send den igen — virker det stadig ikke, så gem den som CSV først.',
  listUnpackedTooLarge: (maxMb: number): string =>
    `Regnearket fylder over ${maxMb} MB, når det pakkes ud, så jeg har ikke læst det. Gem kun arket med listen som CSV eller som en ny .xlsx, og send den igen.`,
  listTooManyRows: (max: number): string =>
    `Listen har over ${numberDa(max)} rækker, så jeg har ikke læst den. Send kun de nye tilflyttere, og send den igen.`,
  listTooManyCells: (max: number): string =>
    `Regnearket har over ${numberDa(max)} celler, så jeg har ikke læst det. Slet tomme kolonner og rækker, eller gem listen som CSV, og send den igen.`,
  listTooSlow: (seconds: number): string =>
    `Det tog over ${seconds} sekunder at læse regnearket, så jeg stoppede. Gem listen som CSV, og send den igen.`,
  listTooMuchMemory: (): string =>
    'Regnearket er for stort til, at jeg kan læse det. Gem kun arket med listen som CSV, og send den igen.',
  listPreviewTitle: (area: string, file: string): string =>
    `📄 ${file} til ${area} — det her vil ske:`,
  listPreviewCounts: (fresh: number, known: number, errors: number): string =>
    [
      `• ${households(fresh)} ${fresh === 1 ? 'er ny og bliver gemt' : 'er nye og bliver gemt'}`,
      `• ${households(known)} kender jeg allerede og springer over`,
      `• ${errors === 1 ? '1 række har fejl' : `${errors} rækker har fejl`} og bliver ikke gemt`,
    ].join('\n'),
  listNewHeading: (): string => 'Nye husstande:',
  listNewNamesHeading: (): string =>
    'Besøgt før, men med et nyt navn (tjek gerne, at det er nye beboere):',
  listNewNameLine: (names: string, address: string, before: string): string =>
    `• ${names}, ${address} (før: ${before})`,
  listNewMoveInDatesHeading: (): string =>
    'Samme beboere med en ny indflytningsdato (tjek gerne, om datoen er rettet; de gemmes som en ny husstand):',
  listNewMoveInDateLine: (names: string, address: string, date: string, before: string): string =>
    `• ${names}, ${address}: indflytning ${date} (før: ${before})`,
  listKnownHeading: (): string => 'Kendes allerede (springes over):',
  listErrorsHeading: (): string => 'Rækker med fejl (ret dem i filen og send den igen):',
  listRowLine: (line: number, names: string, address: string): string =>
    `• linje ${line}: ${names}, ${address}`,
  listErrorLine: (line: number, reason: string): string => `• linje ${line}: ${reason}`,
  listMore: (count: number): string => `… og ${count} mere.`,
  listAskApprove: (fresh: number): string =>
    `Intet er gemt endnu. Tryk «Godkend» for at gemme ${households(fresh)} på én gang.`,
  listNothingNew: (): string =>
    'Der er ingen nye husstande at gemme, så jeg gør ikke mere. Send en rettet fil, hvis noget mangler.',
  approveButton: (fresh: number): string => `Godkend (${households(fresh)})`,
  cancelListButton: (): string => 'Annullér',
  assignNowButton: (): string => 'Fordel nu',
  listImported: (inserted: number, skipped: number): string =>
    `✅ ${households(inserted)} er gemt` +
    (skipped > 0 ? `, ${households(skipped)} var der i forvejen` : '') +
    '. De bliver fordelt ved den faste månedlige fordeling — eller tryk «Fordel nu».',
  listImportFailed: (): string =>
    'Gemningen blev afbrudt. Tryk «Godkend» igen: jeg gemmer aldrig den samme husstand to gange, så listen bliver hel.',
  listCancelled: (): string => 'Fint, intet er gemt. Send filen igen, når du er klar.',
  listExpired: (): string =>
    'Den forhåndsvisning er ikke længere aktuel. Send filen igen, så viser jeg den på ny.',
  assignmentDone: (assigned: number, perAmbassador: string[], waiting: number): string =>
    `📋 ${households(assigned)} er fordelt` +
    (perAmbassador.length > 0 ? `: ${perAmbassador.join(', ')}` : '') +
    '.' +
    (waiting > 0 ? ` ${households(waiting)} venter (ingen ambassadør havde plads).` : '') +
    ' Ambassadørerne kan se dem under «mine besøg».',
  assignmentNothing: (): string =>
    'Der var ingen husstande at fordele lige nu (eller ingen ambassadør med plads).',
  assignmentNudge: (count: number): string =>
    `🏡 Du har fået ${count === 1 ? '1 ny husstand' : `${count} nye husstande`} at byde velkommen. Skriv «mine besøg» for at se ${count === 1 ? 'den' : 'dem'}.`,
  consoleFileMissing: (path: string): string =>
    `Jeg kan ikke finde filen ${path}. Tjek stien og prøv igen.`,
};

export const residentListEn: typeof residentListDa = {
  listPrivateOnly: (): string =>
    "The list holds residents' names, so please send it to me in a direct message. I haven't read it here.",
  listTooLarge: (maxMb: number): string =>
    `The file is too large (over ${maxMb} MB). A monthly list is usually much smaller — check it's the right file and send it again.`,
  listWrongFormat: (): string =>
    'I can\'t read that file. Please send the list as CSV (e.g. Excel\'s "CSV (semicolon delimited)") or as .xlsx.',
  listOldExcel: (): string =>
    'That is the old Excel format (.xls). Save the file as .xlsx or as CSV and send it again.',
  listUnreadable: (): string =>
    "I couldn't find any rows in the file. Check it has a header row with name, address and move-in date, and send it again.",
  listDownloadFailed: (): string =>
    "I couldn't fetch the file, so I haven't read it. Please send it again in a little while.",
  listReadFailed: (): string =>
    'Something went wrong while I read the file, and nothing is saved. Send it again — if it still fails, save it as CSV first.',
  listUnpackedTooLarge: (maxMb: number): string =>
    `The spreadsheet takes up more than ${maxMb} MB unpacked, so I haven't read it. Save just the sheet with the list as CSV or as a new .xlsx and send it again.`,
  listTooManyRows: (max: number): string =>
    `The list has more than ${numberEn(max)} rows, so I haven't read it. Send only the new residents and try again.`,
  listTooManyCells: (max: number): string =>
    `The spreadsheet has more than ${numberEn(max)} cells, so I haven't read it. Delete empty columns and rows, or save the list as CSV, and send it again.`,
  listTooSlow: (seconds: number): string =>
    `Reading the spreadsheet took more than ${seconds} seconds, so I stopped. Save the list as CSV and send it again.`,
  listTooMuchMemory: (): string =>
    'The spreadsheet is too large for me to read. Save just the sheet with the list as CSV and send it again.',
  listPreviewTitle: (area: string, file: string): string =>
    `📄 ${file} for ${area} — this is what will happen:`,
  listPreviewCounts: (fresh: number, known: number, errors: number): string =>
    [
      `• ${householdsEn(fresh)} ${fresh === 1 ? 'is new and will be saved' : 'are new and will be saved'}`,
      `• ${householdsEn(known)} I already know and will skip`,
      `• ${errors === 1 ? '1 row has errors' : `${errors} rows have errors`} and will not be saved`,
    ].join('\n'),
  listNewHeading: (): string => 'New households:',
  listNewNamesHeading: (): string =>
    'Visited before, but with a new name (please check these are new residents):',
  listNewNameLine: (names: string, address: string, before: string): string =>
    `• ${names}, ${address} (before: ${before})`,
  listNewMoveInDatesHeading: (): string =>
    'The same people with a new move-in date (please check whether the date was corrected; they are saved as a new household):',
  listNewMoveInDateLine: (names: string, address: string, date: string, before: string): string =>
    `• ${names}, ${address}: move-in ${date} (before: ${before})`,
  listKnownHeading: (): string => 'Already known (skipped):',
  listErrorsHeading: (): string => 'Rows with errors (fix them in the file and send it again):',
  listRowLine: (line: number, names: string, address: string): string =>
    `• line ${line}: ${names}, ${address}`,
  listErrorLine: (line: number, reason: string): string => `• line ${line}: ${reason}`,
  listMore: (count: number): string => `… and ${count} more.`,
  listAskApprove: (fresh: number): string =>
    `Nothing is saved yet. Tap "Approve" to save ${householdsEn(fresh)} in one go.`,
  listNothingNew: (): string =>
    "There are no new households to save, so I'll stop here. Send a corrected file if something is missing.",
  approveButton: (fresh: number): string => `Approve (${householdsEn(fresh)})`,
  cancelListButton: (): string => 'Cancel',
  assignNowButton: (): string => 'Hand out now',
  listImported: (inserted: number, skipped: number): string =>
    `✅ ${householdsEn(inserted)} saved` +
    (skipped > 0 ? `, ${householdsEn(skipped)} were already there` : '') +
    '. They will be handed out at the regular monthly hand-out — or tap "Hand out now".',
  listImportFailed: (): string =>
    'Saving was interrupted. Tap "Approve" again: I never save the same household twice, so the list ends up complete.',
  listCancelled: (): string => 'Fine, nothing is saved. Send the file again when you are ready.',
  listExpired: (): string =>
    'That preview is no longer current. Send the file again and I will show it anew.',
  assignmentDone: (assigned: number, perAmbassador: string[], waiting: number): string =>
    `📋 ${householdsEn(assigned)} handed out` +
    (perAmbassador.length > 0 ? `: ${perAmbassador.join(', ')}` : '') +
    '.' +
    (waiting > 0 ? ` ${householdsEn(waiting)} are waiting (no ambassador had room).` : '') +
    ' The ambassadors see them under "my visits".',
  assignmentNothing: (): string =>
    'There were no households to hand out right now (or no ambassador with room).',
  assignmentNudge: (count: number): string =>
    `🏡 You have ${count === 1 ? '1 new household' : `${count} new households`} to welcome. Write "my visits" to see ${count === 1 ? 'it' : 'them'}.`,
  consoleFileMissing: (path: string): string =>
    `I can't find the file ${path}. Check the path and try again.`,
};
