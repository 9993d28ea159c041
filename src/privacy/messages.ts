/**
 * What Nabo says about access and erasure requests in chat. Danish defines the keys; English has
 * the same shape. Messages name the household by id only: the request is about its data, and
 * the chat is no place to repeat it.
 */
export const privacyDa = {
  privacyConfirmErase: (residentId: string): string =>
    `Vil du slette alle personoplysninger om beboer ${residentId}? Navne, adresse og noter fjernes for altid, og åbne besøg lukkes. Tallene til rapporterne bliver. Det kan ikke fortrydes.`,
  privacyConfirmExport: (residentId: string): string =>
    `Vil du have et udtræk af alt, hvad Nabo har gemt om beboer ${residentId}? Jeg sender det her i vores private samtale.`,
  privacyEraseButton: (): string => 'Ja, slet',
  privacyExportButton: (): string => 'Ja, lav udtræk',
  privacyCancelButton: (): string => 'Annuller',
  privacyCancelled: (): string => 'Annulleret. Intet er ændret.',
  privacyErased: (notesDeleted: number, openVisitsClosed: number): string =>
    `✓ Beboerens personoplysninger er slettet (${notesDeleted} ${notesDeleted === 1 ? 'note' : 'noter'} fjernet, ${openVisitsClosed} ${openVisitsClosed === 1 ? 'åbent besøg' : 'åbne besøg'} lukket). Tallene til rapporterne er bevaret.`,
  privacyNothingToErase: (): string =>
    'Der er intet at slette: beboerens personoplysninger er allerede fjernet.',
  privacyExportIntro: (): string =>
    'Her er udtrækket (JSON). Giv det til beboeren på en sikker måde, og slet beskeden bagefter.',
  privacyNotYourResident: (): string =>
    'Jeg kan ikke finde den beboer i et område, hvor du er koordinator.',
  privacyBadId: (id: string): string =>
    `«${id}» er ikke et beboer-id. Id'et er 24 tegn (0-9, a-f), fx fra «nabo visits list --json».`,
};

export const privacyEn: typeof privacyDa = {
  privacyConfirmErase: (residentId) =>
    `Erase all personal data about resident ${residentId}? Names, address and notes are removed for good and open visits are closed. The report figures stay. This cannot be undone.`,
  privacyConfirmExport: (residentId) =>
    `Do you want an export of everything Nabo stores about resident ${residentId}? I will send it here in our private conversation.`,
  privacyEraseButton: () => 'Yes, erase',
  privacyExportButton: () => 'Yes, export',
  privacyCancelButton: () => 'Cancel',
  privacyCancelled: () => 'Cancelled. Nothing has changed.',
  privacyErased: (notesDeleted, openVisitsClosed) =>
    `✓ The resident's personal data is erased (${notesDeleted} ${notesDeleted === 1 ? 'note' : 'notes'} removed, ${openVisitsClosed} open ${openVisitsClosed === 1 ? 'visit' : 'visits'} closed). The report figures are kept.`,
  privacyNothingToErase: () =>
    "There is nothing to erase: the resident's personal data is already gone.",
  privacyExportIntro: () =>
    'Here is the export (JSON). Hand it to the resident securely and delete this message afterwards.',
  privacyNotYourResident: () => 'I cannot find that resident in an area you coordinate.',
  privacyBadId: (id) =>
    `"${id}" is not a resident id. Ids are 24 characters (0-9, a-f), e.g. from "nabo visits list --json".`,
};
