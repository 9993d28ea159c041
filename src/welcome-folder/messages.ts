import type { FollowUpKind, WelcomeContactKind } from '../../models/types.js';

/**
 * The welcome folder in the pocket, and the follow-ups that visits bring: answers to ambassadors'
 * questions, the coordinator's folder edits and the coordinator's follow-up list.
 * Danish defines the keys; English has the same shape.
 */

const when = (weekday: string | undefined, time: string | undefined, free: string | undefined) =>
  [weekday, time ? `kl. ${time}` : undefined, free].filter(Boolean).join(' ');
const whenEn = (weekday: string | undefined, time: string | undefined, free: string | undefined) =>
  [weekday ? `${weekday}s` : undefined, time ? `at ${time}` : undefined, free]
    .filter(Boolean)
    .join(' ');

export const welcomeFolderDa = {
  folderContactKind: (kind: WelcomeContactKind): string =>
    ({
      caretaker: 'varmemesteren',
      board: 'afdelingsbestyrelsen',
      social_worker: 'den boligsociale medarbejder',
      doctor_on_call: 'lægevagten',
      other: 'kontakten',
    })[kind],
  folderContactLine: (name: string, phone: string | undefined, hours: string | undefined): string =>
    `📞 ${name}${phone ? `: ${phone}` : ''}${hours ? ` (${hours})` : ''}`,
  folderProblemIntro: (kind: string): string => `Det klarer ${kind}:`,
  folderMissingContact: (kind: string, coordinator: boolean): string =>
    coordinator
      ? `Velkomstmappen har ingen kontakt til ${kind} endnu. Tilføj den fx sådan: «kontakt: varmemester Jens, 12 34 56 78, hverdage 7-15».`
      : `Velkomstmappen har ingen kontakt til ${kind} endnu. Spørg din koordinator — jeg har ikke gemt noget.`,
  folderActivityLine: (
    name: string,
    weekday: string | undefined,
    time: string | undefined,
    free: string | undefined,
    place: string | undefined,
  ): string => {
    const at = when(weekday, time, free);
    return `📅 ${name}${at ? `: ${at}` : ''}${place ? `, ${place}` : ''}`;
  },
  folderActivitiesIntro: (): string => 'Det sker i området:',
  folderNoActivities: (coordinator: boolean): string =>
    coordinator
      ? 'Der står ingen aktiviteter i velkomstmappen endnu. Tilføj fx «aktivitet: madklub, torsdag 17:30, fælleshuset».'
      : 'Der står ingen aktiviteter i velkomstmappen endnu. Spørg din koordinator.',
  folderGift: (gift: string): string => `🎁 Velkomstgaven: ${gift}.`,
  folderNoGift: (coordinator: boolean): string =>
    coordinator
      ? 'Der står ingen velkomstgave i mappen endnu. Skriv fx «gave: gavekort til caféen».'
      : 'Der står ingen velkomstgave i mappen endnu. Spørg din koordinator.',
  folderShowTitle: (area: string): string => `📁 Velkomstmappen for ${area}`,
  folderContactsHeading: (): string => 'Kontakter:',
  folderActivitiesHeading: (): string => 'Aktiviteter:',
  folderEmpty: (area: string): string =>
    `📁 Velkomstmappen for ${area} er tom. Koordinatoren kan fylde den med fx «kontakt: varmemester Jens, 12 34 56 78, hverdage 7-15».`,
  folderContactSaved: (line: string, kind: string): string =>
    `✓ Gemt i velkomstmappen som ${kind}: ${line.replace(/^📞 /, '')}. Ambassadørerne kan nu spørge mig om den.`,
  folderActivitySaved: (line: string): string =>
    `✓ Gemt i velkomstmappen: ${line.replace(/^📅 /, '')}. Ambassadørerne kan nu spørge mig om den.`,
  folderGiftSaved: (gift: string): string => `✓ Velkomstgaven er nu: ${gift}.`,
  folderRemoved: (name: string): string => `✓ «${name}» er fjernet fra velkomstmappen.`,
  folderNothingRemoved: (name: string): string =>
    `Jeg kan ikke finde «${name}» i velkomstmappen. Skriv «velkomstmappe» for at se, hvad der står.`,
  folderEntryNotUnderstood: (): string =>
    'Det forstod jeg ikke helt. Skriv fx «kontakt: varmemester Jens, 12 34 56 78, hverdage 7-15» eller «aktivitet: madklub, torsdag 17:30, fælleshuset». Intet er gemt.',
  followUpKindLabel: (kind: FollowUpKind): string =>
    ({ problem: 'Problem', interest: 'Interesse' })[kind],
  followUpProblemOffer: (kind: string, contact: string): string =>
    `🔧 Det klarer ${kind}:\n${contact}\nJeg har også sat det på koordinatorens liste over opfølgninger.`,
  followUpInterestOffer: (activity: string): string =>
    `🙌 Dejligt! Her er aktiviteten, så du kan fortælle om den:\n${activity}\nKoordinatoren får det på sin liste over opfølgninger.`,
  followUpNoContact: (): string =>
    'Jeg har sat det på koordinatorens liste over opfølgninger, så det ikke bliver glemt.',
  followUpsTitle: (area: string, count: number): string =>
    `📝 Opfølgninger i ${area}: ${count === 1 ? '1 åben' : `${count} åbne`}`,
  followUpLine: (kind: string, topic: string, address: string, by: string, day: string): string =>
    `${kind}: ${topic} — ${address} (fra ${by}, ${day})`,
  followUpsNone: (): string => '📝 Der er ingen åbne opfølgninger lige nu. 🎉',
  followUpCloseButton: (): string => 'Luk',
  followUpClosed: (topic: string): string => `✓ Opfølgningen «${topic}» er lukket.`,
  followUpAlreadyClosed: (): string => 'Den opfølgning er allerede lukket.',
  followUpStatusLine: (count: number): string =>
    count === 0
      ? 'Ingen åbne opfølgninger.'
      : `${count === 1 ? '1 åben opfølgning' : `${count} åbne opfølgninger`} — skriv «opfølgninger».`,
};

export const welcomeFolderEn: typeof welcomeFolderDa = {
  folderContactKind: (kind: WelcomeContactKind): string =>
    ({
      caretaker: 'the caretaker',
      board: 'the estate board',
      social_worker: 'the social worker',
      doctor_on_call: 'the doctor on call',
      other: 'the contact',
    })[kind],
  folderContactLine: (name: string, phone: string | undefined, hours: string | undefined): string =>
    `📞 ${name}${phone ? `: ${phone}` : ''}${hours ? ` (${hours})` : ''}`,
  folderProblemIntro: (kind: string): string => `That's a job for ${kind}:`,
  folderMissingContact: (kind: string, coordinator: boolean): string =>
    coordinator
      ? `The welcome folder has no contact for ${kind} yet. Add it like this: "contact: caretaker Jens, 12 34 56 78, weekdays 7-15".`
      : `The welcome folder has no contact for ${kind} yet. Please ask your coordinator — I haven't saved anything.`,
  folderActivityLine: (
    name: string,
    weekday: string | undefined,
    time: string | undefined,
    free: string | undefined,
    place: string | undefined,
  ): string => {
    const at = whenEn(weekday, time, free);
    return `📅 ${name}${at ? `: ${at}` : ''}${place ? `, ${place}` : ''}`;
  },
  folderActivitiesIntro: (): string => "What's on in the estate:",
  folderNoActivities: (coordinator: boolean): string =>
    coordinator
      ? 'There are no activities in the welcome folder yet. Add e.g. "activity: dinner club, Thursday 17:30, community house".'
      : 'There are no activities in the welcome folder yet. Please ask your coordinator.',
  folderGift: (gift: string): string => `🎁 The welcome gift: ${gift}.`,
  folderNoGift: (coordinator: boolean): string =>
    coordinator
      ? 'There is no welcome gift in the folder yet. Write e.g. "gift: voucher for the café".'
      : 'There is no welcome gift in the folder yet. Please ask your coordinator.',
  folderShowTitle: (area: string): string => `📁 The welcome folder for ${area}`,
  folderContactsHeading: (): string => 'Contacts:',
  folderActivitiesHeading: (): string => 'Activities:',
  folderEmpty: (area: string): string =>
    `📁 The welcome folder for ${area} is empty. The coordinator can fill it, e.g. "contact: caretaker Jens, 12 34 56 78, weekdays 7-15".`,
  folderContactSaved: (line: string, kind: string): string =>
    `✓ Saved in the welcome folder as ${kind}: ${line.replace(/^📞 /, '')}. Ambassadors can now ask me about it.`,
  folderActivitySaved: (line: string): string =>
    `✓ Saved in the welcome folder: ${line.replace(/^📅 /, '')}. Ambassadors can now ask me about it.`,
  folderGiftSaved: (gift: string): string => `✓ The welcome gift is now: ${gift}.`,
  folderRemoved: (name: string): string => `✓ "${name}" is removed from the welcome folder.`,
  folderNothingRemoved: (name: string): string =>
    `I can't find "${name}" in the welcome folder. Write "welcome folder" to see what's in it.`,
  folderEntryNotUnderstood: (): string =>
    'I didn\'t quite get that. Write e.g. "contact: caretaker Jens, 12 34 56 78, weekdays 7-15" or "activity: dinner club, Thursday 17:30, community house". Nothing is saved.',
  followUpKindLabel: (kind: FollowUpKind): string =>
    ({ problem: 'Problem', interest: 'Interest' })[kind],
  followUpProblemOffer: (kind: string, contact: string): string =>
    `🔧 That's a job for ${kind}:\n${contact}\nI have also put it on the coordinator's follow-up list.`,
  followUpInterestOffer: (activity: string): string =>
    `🙌 Lovely! Here is the activity, so you can tell them about it:\n${activity}\nThe coordinator gets it on their follow-up list.`,
  followUpNoContact: (): string =>
    "I have put it on the coordinator's follow-up list, so it won't be forgotten.",
  followUpsTitle: (area: string, count: number): string =>
    `📝 Follow-ups in ${area}: ${count} open`,
  followUpLine: (kind: string, topic: string, address: string, by: string, day: string): string =>
    `${kind}: ${topic} — ${address} (from ${by}, ${day})`,
  followUpsNone: (): string => '📝 There are no open follow-ups right now. 🎉',
  followUpCloseButton: (): string => 'Close',
  followUpClosed: (topic: string): string => `✓ The follow-up "${topic}" is closed.`,
  followUpAlreadyClosed: (): string => 'That follow-up is already closed.',
  followUpStatusLine: (count: number): string =>
    count === 0
      ? 'No open follow-ups.'
      : `${count} open follow-up${count === 1 ? '' : 's'} — write "follow-ups".`,
};
