import type { AgendaEditProblem } from './agenda.js';

/**
 * What Nabo says around network meetings (agendas, proposals, the running meeting and its
 * summary) and the coordinator's status. Danish defines the keys; English has the same shape.
 */

/** One action item as the summary and the agenda show it. */
export interface ActionLine {
  number: number;
  text: string;
  owner: string | null;
  due: string | null;
}

export interface VisitCounts {
  assigned: number;
  attempted: number;
  met: number;
  folderLeft: number;
  notReached: number;
  revisitsPending: number;
  pastDeadline: number;
}

export type AgendaItemState = 'pending' | 'running' | 'done';

const signed = (minutes: number): string => (minutes > 0 ? `+${minutes}` : `${minutes}`);

export const meetingsDa = {
  defaultMeetingTitle: (): string => 'Netværksmøde',
  agendaHeading: (title: string, day: string, from: string, to: string, minutes: number): string =>
    `📋 ${title} — ${day}, ${from}–${to}, ${minutes} min`,
  agendaHeadingUndated: (title: string, minutes: number): string =>
    `📋 ${title} — ${minutes} min i alt`,
  agendaItemLine: (
    number: number,
    title: string,
    minutes: number,
    from: string | null,
    state: AgendaItemState,
  ): string =>
    `${state === 'done' ? '✓ ' : state === 'running' ? '▶️ ' : ''}${number}. ${title} — ${minutes} min${from ? ` (${from})` : ''}`,
  agendaNoItems: (): string => 'Ingen punkter endnu. Skriv «tilføj punkt: Velkommen 5 min».',
  agendaPlanned: (planned: number): string => `Mødet er planlagt til ${planned} min.`,
  agendaOverrun: (total: number, planned: number): string =>
    `⚠️ Punkterne varer ${total} min, men mødet er sat til ${planned} min — ${total - planned} min for meget. Kort et punkt, fx «punkt 2 15 min», eller fjern et.`,
  agendaProblem: (code: string, detail: string): string => {
    switch (code) {
      case 'missing_timebox':
        return `«${detail}» havde ingen tid, så jeg har sat 10 min.`;
      case 'timebox_too_long':
        return `«${detail}» varer over 4 timer — er det rigtigt?`;
      case 'in_the_past':
        return 'Tidspunktet er allerede passeret — tjek datoen.';
      default:
        return 'Noget i dagsordenen forstod jeg ikke helt — tjek den lige.';
    }
  },
  confirmAgenda: (): string =>
    'Skal jeg gemme dagsordenen? Jeg sender den til ambassadørerne 2 dage før mødet.',
  saveAgendaButton: (): string => 'Gem dagsorden',
  editInFormButton: (): string => 'Ret i formular',
  discardAgendaButton: (): string => 'Kassér',
  agendaSaved: (sendDay: string | null): string =>
    `✅ Dagsordenen er gemt. ${sendDay ? `Jeg sender den til ambassadørerne ${sendDay}.` : 'Mødet er snart, så jeg sender den til ambassadørerne nu.'} Du kan stadig rette den: «tilføj punkt: Kaffe 10 min», «flyt punkt 3 op», «fjern punkt 2», «punkt 2 15 min».`,
  agendaDiscarded: (): string => '🗑️ Dagsordenen er kasseret. Skriv en ny, når du er klar.',
  agendaAlreadyHandled: (): string => 'Den dagsorden er allerede gemt eller kasseret.',
  askMeetingWhen: (): string =>
    'Hvornår er mødet? Skriv fx «12/12 kl 17» eller «torsdag kl 17-18:30».',
  meetingWhenNotUnderstood: (): string =>
    'Det tidspunkt forstod jeg ikke. Skriv dato og klokkeslæt, fx «12/12 kl 17».',
  agendaUpdated: (): string => '✓ Dagsordenen er opdateret:',
  itemAddedWithDefaultTime: (number: number, minutes: number): string =>
    `Punkt ${number} fik ${minutes} min. Skriv fx «punkt ${number} 15 min» for at ændre det.`,
  agendaEditProblem: (problem: AgendaEditProblem, number: number): string =>
    ({
      no_such_item: `Der er intet punkt ${number}. Skriv «dagsorden» for at se numrene.`,
      item_already_started: `Punkt ${number} er i gang eller overstået, så det bliver, hvor det er.`,
      cannot_move_further: `Punkt ${number} kan ikke flyttes længere den vej.`,
      timebox_out_of_range: 'Et punkt kan vare fra 1 minut til 4 timer.',
      agenda_full: 'Dagsordenen er fuld (30 punkter). Fjern et punkt først.',
    })[problem],
  noMeetingToEdit: (): string =>
    'Der er ingen kommende møder. Skriv en dagsorden, fx «Netværksmøde 12/12 kl 17: Velkommen 5 min; Erfaringer fra besøg 20 min».',
  onlyCoordinatorsPlan: (): string =>
    'Det er koordinatoren, der lægger dagsordenen 🙂 Har du et emne, så skriv «tilføj punkt: …», så giver jeg det videre.',
  agendaFormTitle: (): string => 'Dagsorden',
  agendaFormSubmit: (): string => 'Vis dagsorden',
  formMeetingTitle: (): string => 'Møde',
  formDate: (): string => 'Dato',
  formStartTime: (): string => 'Starter kl. (fx 17:00)',
  formPlannedMinutes: (): string => 'Varighed i minutter (valgfri)',
  formItems: (): string => 'Punkter — ét pr. linje, fx «Velkommen 5 min»',
  formIntro: (): string => 'Udfyld formularen, så viser jeg dagsordenen, før den gemmes.',
  formNotUnderstood: (): string =>
    'Formularen manglede dato, klokkeslæt eller punkter med tid. Prøv igen, eller skriv dagsordenen i en besked.',
  // Proposals from ambassadors
  proposalReceived: (title: string, meeting: string, day: string): string =>
    `💡 Tak! Jeg har foreslået «${title}» til ${meeting} ${day}. Koordinatoren beslutter, om det kommer på.`,
  noUpcomingMeeting: (): string =>
    'Der er ikke planlagt noget netværksmøde endnu. Gem dit emne til dagsordenen bliver sendt ud.',
  proposalAnnouncement: (
    name: string,
    title: string,
    minutes: number,
    meeting: string,
    day: string,
  ): string => `💡 ${name} foreslår et punkt til ${meeting} ${day}: «${title}» (${minutes} min).`,
  approveProposalButton: (): string => 'Sæt på dagsordenen',
  declineProposalButton: (): string => 'Ikke denne gang',
  proposalApproved: (title: string, number: number): string =>
    `✓ «${title}» er sat på dagsordenen som punkt ${number}.`,
  proposalDeclined: (title: string): string => `✓ «${title}» kommer ikke på denne gang.`,
  proposalAlreadyDecided: (): string => 'Det forslag er allerede besluttet.',
  checkInTopicsIntro: (): string =>
    '💬 Ønsker fra samtalerne med ambassadørerne — tryk for at sætte et på dagsordenen:',
  addTopicButton: (title: string): string => `Tilføj «${title}»`,
  carriedActionsTitle: (): string => 'Åbne aktioner fra sidste møde:',
  actionLine: (action: ActionLine): string =>
    `${action.number}. ${action.text} — ${action.owner ?? 'ingen ansvarlig'}${action.due ? `, senest ${action.due}` : ''}`,
  agendaInvitation: (title: string, day: string, time: string): string =>
    `📅 ${title} ${day} kl. ${time}. Her er dagsordenen:`,
  agendaInvitationFooter: (): string =>
    'Har du et emne, du gerne vil tage op? Skriv «tilføj punkt: …», så giver jeg det videre til koordinatoren.',
  // The running meeting
  meetingStarted: (title: string, count: number, minutes: number): string =>
    `▶️ ${title} er i gang: ${count} punkter, ${minutes} min.`,
  currentItem: (
    number: number,
    count: number,
    title: string,
    minutes: number,
    until: string,
  ): string =>
    `▶️ Punkt ${number}/${count}: ${title} — ${minutes} min (til ${until}). Skriv «note: …» eller «aktion: …» undervejs og «næste», når I går videre.`,
  nextItemButton: (): string => 'Næste punkt',
  endMeetingButton: (): string => 'Slut møde',
  timeboxWarning: (title: string, minutesLeft: number): string =>
    `⏳ ${minutesLeft} min tilbage af «${title}».`,
  timeboxEnded: (title: string, minutes: number): string =>
    `⏰ Tiden for «${title}» (${minutes} min) er gået. Skriv «næste» for at gå videre.`,
  noMeetingToStart: (): string =>
    'Der er ingen gemt dagsorden at starte. Skriv en dagsorden først, fx «Netværksmøde 12/12 kl 17: Velkommen 5 min; Erfaringer 20 min».',
  meetingAlreadyRunning: (title: string): string =>
    `${title} er allerede i gang. Skriv «næste» for næste punkt eller «slut møde» for at slutte.`,
  noRunningMeeting: (): string =>
    'Der er ikke noget møde i gang. Skriv «start møde» for at begynde.',
  itemAlreadyMovedOn: (): string => 'I er allerede videre — jeg fortsætter fra det aktuelle punkt.',
  meetingNoteSaved: (title: string): string => `📝 Noteret under «${title}».`,
  actionSaved: (action: ActionLine): string =>
    `✅ Aktion ${action.number}: ${action.text} — ${action.owner ?? 'ingen ansvarlig'}${action.due ? `, senest ${action.due}` : ''}`,
  actionDone: (number: number): string => `✓ Aktion ${number} er klar.`,
  noSuchAction: (number: number): string =>
    `Der er ingen åben aktion ${number}. Skriv «dagsorden» for at se dem.`,
  meetingSummaryTitle: (title: string): string =>
    `🏁 ${title} er slut. Tid pr. punkt (planlagt → brugt):`,
  summaryRow: (number: number, title: string, planned: number, actual: number | null): string =>
    actual === null
      ? `${number}. ${title}: ${planned} min → ikke nået`
      : `${number}. ${title}: ${planned} → ${actual} min (${signed(actual - planned)})`,
  summaryTotal: (planned: number, actual: number, difference: number): string =>
    `I alt: planlagt ${planned} min, brugt ${actual} min (${signed(difference)} min på de punkter, I nåede).`,
  summaryNotesTitle: (): string => 'Noter:',
  summaryNoteLine: (title: string, note: string): string => `• ${title}: ${note}`,
  summaryActionsTitle: (): string => 'Aktioner:',
  summaryNoActions: (): string => 'Ingen aktioner.',
  summaryFooter: (): string =>
    'Åbne aktioner kommer med på næste mødes dagsorden. Skriv «aktion 1 klar», når en er løst.',
};

export const meetingsEn: typeof meetingsDa = {
  defaultMeetingTitle: () => 'Network meeting',
  agendaHeading: (title, day, from, to, minutes) =>
    `📋 ${title} — ${day}, ${from}–${to}, ${minutes} min`,
  agendaHeadingUndated: (title, minutes) => `📋 ${title} — ${minutes} min in all`,
  agendaItemLine: (number, title, minutes, from, state) =>
    `${state === 'done' ? '✓ ' : state === 'running' ? '▶️ ' : ''}${number}. ${title} — ${minutes} min${from ? ` (${from})` : ''}`,
  agendaNoItems: () => 'No items yet. Write "add item: Welcome 5 min".',
  agendaPlanned: (planned) => `The meeting is planned for ${planned} min.`,
  agendaOverrun: (total, planned) =>
    `⚠️ The items take ${total} min, but the meeting is set for ${planned} min — ${total - planned} min too many. Shorten an item, e.g. "item 2 15 min", or remove one.`,
  agendaProblem: (code, detail) => {
    switch (code) {
      case 'missing_timebox':
        return `"${detail}" had no time, so I gave it 10 min.`;
      case 'timebox_too_long':
        return `"${detail}" takes more than 4 hours — is that right?`;
      case 'in_the_past':
        return 'That time has already passed — please check the date.';
      default:
        return 'I did not quite understand part of the agenda — please check it.';
    }
  },
  confirmAgenda: () =>
    'Shall I save the agenda? I will send it to the ambassadors 2 days before the meeting.',
  saveAgendaButton: () => 'Save agenda',
  editInFormButton: () => 'Edit in a form',
  discardAgendaButton: () => 'Discard',
  agendaSaved: (sendDay) =>
    `✅ The agenda is saved. ${sendDay ? `I will send it to the ambassadors on ${sendDay}.` : 'The meeting is soon, so I am sending it to the ambassadors now.'} You can still change it: "add item: Coffee 10 min", "move item 3 up", "remove item 2", "item 2 15 min".`,
  agendaDiscarded: () => '🗑️ The agenda is discarded. Write a new one when you are ready.',
  agendaAlreadyHandled: () => 'That agenda has already been saved or discarded.',
  askMeetingWhen: () => 'When is the meeting? Write e.g. "Dec 12 5pm" or "Thursday 17-18:30".',
  meetingWhenNotUnderstood: () =>
    'I did not understand that time. Write a date and a time, e.g. "Dec 12 5pm".',
  agendaUpdated: () => '✓ The agenda is updated:',
  itemAddedWithDefaultTime: (number, minutes) =>
    `Item ${number} got ${minutes} min. Write e.g. "item ${number} 15 min" to change it.`,
  agendaEditProblem: (problem, number) =>
    ({
      no_such_item: `There is no item ${number}. Write "agenda" to see the numbers.`,
      item_already_started: `Item ${number} is under way or done, so it stays where it is.`,
      cannot_move_further: `Item ${number} cannot move further that way.`,
      timebox_out_of_range: 'An item can take from 1 minute to 4 hours.',
      agenda_full: 'The agenda is full (30 items). Remove one first.',
    })[problem],
  noMeetingToEdit: () =>
    'There is no upcoming meeting. Write an agenda, e.g. "Network meeting Dec 12 5pm: Welcome 5 min; Experiences 20 min".',
  onlyCoordinatorsPlan: () =>
    'The coordinator sets the agenda 🙂 If you have a topic, write "add item: …" and I will pass it on.',
  agendaFormTitle: () => 'Agenda',
  agendaFormSubmit: () => 'Show agenda',
  formMeetingTitle: () => 'Meeting',
  formDate: () => 'Date',
  formStartTime: () => 'Starts at (e.g. 17:00)',
  formPlannedMinutes: () => 'Length in minutes (optional)',
  formItems: () => 'Items — one per line, e.g. "Welcome 5 min"',
  formIntro: () => 'Fill in the form and I will show the agenda before it is saved.',
  formNotUnderstood: () =>
    'The form lacked a date, a time or items with times. Try again, or write the agenda in a message.',
  proposalReceived: (title, meeting, day) =>
    `💡 Thank you! I have proposed "${title}" for the ${meeting} on ${day}. The coordinator decides whether it goes on.`,
  noUpcomingMeeting: () =>
    'No network meeting is planned yet. Keep your topic until the agenda goes out.',
  proposalAnnouncement: (name, title, minutes, meeting, day) =>
    `💡 ${name} proposes an item for the ${meeting} on ${day}: "${title}" (${minutes} min).`,
  approveProposalButton: () => 'Put it on the agenda',
  declineProposalButton: () => 'Not this time',
  proposalApproved: (title, number) => `✓ "${title}" is on the agenda as item ${number}.`,
  proposalDeclined: (title) => `✓ "${title}" is not going on this time.`,
  proposalAlreadyDecided: () => 'That proposal has already been decided.',
  checkInTopicsIntro: () =>
    '💬 Wishes from the check-ins with the ambassadors — tap one to put it on the agenda:',
  addTopicButton: (title) => `Add "${title}"`,
  carriedActionsTitle: () => 'Open action items from the last meeting:',
  actionLine: (action) =>
    `${action.number}. ${action.text} — ${action.owner ?? 'no owner'}${action.due ? `, by ${action.due}` : ''}`,
  agendaInvitation: (title, day, time) => `📅 ${title} on ${day} at ${time}. Here is the agenda:`,
  agendaInvitationFooter: () =>
    'Is there a topic you would like to raise? Write "add item: …" and I will pass it on to the coordinator.',
  meetingStarted: (title, count, minutes) =>
    `▶️ ${title} has started: ${count} items, ${minutes} min.`,
  currentItem: (number, count, title, minutes, until) =>
    `▶️ Item ${number}/${count}: ${title} — ${minutes} min (until ${until}). Write "note: …" or "action: …" as you go, and "next" to move on.`,
  nextItemButton: () => 'Next item',
  endMeetingButton: () => 'End meeting',
  timeboxWarning: (title, minutesLeft) => `⏳ ${minutesLeft} min left of "${title}".`,
  timeboxEnded: (title, minutes) =>
    `⏰ Time is up for "${title}" (${minutes} min). Write "next" to move on.`,
  noMeetingToStart: () =>
    'There is no saved agenda to start. Write an agenda first, e.g. "Network meeting Dec 12 5pm: Welcome 5 min; Experiences 20 min".',
  meetingAlreadyRunning: (title) =>
    `${title} is already under way. Write "next" for the next item or "end meeting" to finish.`,
  noRunningMeeting: () => 'No meeting is under way. Write "start meeting" to begin.',
  itemAlreadyMovedOn: () => 'You have already moved on — I carry on from the current item.',
  meetingNoteSaved: (title) => `📝 Noted under "${title}".`,
  actionSaved: (action) =>
    `✅ Action ${action.number}: ${action.text} — ${action.owner ?? 'no owner'}${action.due ? `, by ${action.due}` : ''}`,
  actionDone: (number) => `✓ Action ${number} is done.`,
  noSuchAction: (number) => `There is no open action ${number}. Write "agenda" to see them.`,
  meetingSummaryTitle: (title) => `🏁 ${title} is over. Time per item (planned → used):`,
  summaryRow: (number, title, planned, actual) =>
    actual === null
      ? `${number}. ${title}: ${planned} min → not reached`
      : `${number}. ${title}: ${planned} → ${actual} min (${signed(actual - planned)})`,
  summaryTotal: (planned, actual, difference) =>
    `In all: ${planned} min planned, ${actual} min used (${signed(difference)} min on the items you reached).`,
  summaryNotesTitle: () => 'Notes:',
  summaryNoteLine: (title, note) => `• ${title}: ${note}`,
  summaryActionsTitle: () => 'Action items:',
  summaryNoActions: () => 'No action items.',
  summaryFooter: () =>
    'Open action items go onto the next meeting\'s agenda. Write "action 1 done" when one is done.',
};

export const statusDa = {
  statusTitle: (area: string, period: string): string => `📊 Status for ${area}, ${period}`,
  statusVisits: (counts: VisitCounts): string =>
    `Besøg: ${counts.assigned} fordelt · ${counts.attempted} forsøgt · ${counts.met} mødt · ${counts.folderLeft} med mappe · ${counts.notReached} ikke truffet · ${counts.revisitsPending} genbesøg venter · ${counts.pastDeadline} over fristen`,
  statusAmbassadorsTitle: (): string => 'Pr. ambassadør:',
  statusAmbassadorLine: (name: string, counts: VisitCounts): string =>
    `• ${name}: ${counts.assigned} fordelt, ${counts.attempted} forsøgt, ${counts.met} mødt, ${counts.folderLeft} med mappe, ${counts.notReached} ikke truffet, ${counts.revisitsPending} genbesøg${counts.pastDeadline > 0 ? `, ${counts.pastDeadline} over fristen ⚠️` : ''}`,
  statusCheckIns: (done: number, missed: number, flagged: number, pending: number): string =>
    `Samtaler: ${done} gennemført · ${missed} ubesvaret · ${flagged} med flag · ${pending} i gang`,
  statusNextMeeting: (title: string, day: string, time: string, items: number): string =>
    `Næste møde: ${title} ${day} kl. ${time} (${items} punkter).`,
  statusNoMeeting: (): string => 'Næste møde: intet planlagt endnu.',
  statusOwn: (period: string, assigned: number, met: number, open: number): string =>
    `📊 Dine tal for ${period}: ${assigned} fordelt, ${met} mødt, ${open} åbne lige nu. Tak for indsatsen! Hele områdets status kan koordinatoren se.`,
};

export const statusEn: typeof statusDa = {
  statusTitle: (area, period) => `📊 Status for ${area}, ${period}`,
  statusVisits: (counts) =>
    `Visits: ${counts.assigned} assigned · ${counts.attempted} attempted · ${counts.met} met · ${counts.folderLeft} folder left · ${counts.notReached} not reached · ${counts.revisitsPending} revisits pending · ${counts.pastDeadline} past the deadline`,
  statusAmbassadorsTitle: () => 'Per ambassador:',
  statusAmbassadorLine: (name, counts) =>
    `• ${name}: ${counts.assigned} assigned, ${counts.attempted} attempted, ${counts.met} met, ${counts.folderLeft} folder left, ${counts.notReached} not reached, ${counts.revisitsPending} revisits${counts.pastDeadline > 0 ? `, ${counts.pastDeadline} past the deadline ⚠️` : ''}`,
  statusCheckIns: (done, missed, flagged, pending) =>
    `Check-ins: ${done} done · ${missed} missed · ${flagged} flagged · ${pending} under way`,
  statusNextMeeting: (title, day, time, items) =>
    `Next meeting: ${title} on ${day} at ${time} (${items} items).`,
  statusNoMeeting: () => 'Next meeting: none planned yet.',
  statusOwn: (period, assigned, met, open) =>
    `📊 Your numbers for ${period}: ${assigned} assigned, ${met} met, ${open} open right now. Thank you! The coordinator sees the whole area's status.`,
};
