import type { da } from './da.js';

/** English, on request. Same keys and parameters as the Danish catalogue. */
export const en: typeof da = {
  unknownPerson: () =>
    "Hi! I don't know you yet. Ask your coordinator to add you as a neighbour ambassador, and we can get started.",
  notUnderstood: () => "I didn't quite get that. What would you like to do?",
  help: () =>
    [
      "Hi, I'm Nabo 👋 I keep track of your welcome visits.",
      '• Write "my visits" to see who you are welcoming.',
      '• Tell me in your own words how a visit went, e.g. "not home, left folder" or "met them".',
      '• "undo" removes your latest visit report.',
      '• "pause until 1 January" or "I can take 3 a month" changes how many visits you get.',
      '• "events" shows courses and gatherings for the ambassadors, and your answer.',
    ].join('\n'),
  greeting: (name) =>
    `Hi ${name} 👋 I'm Nabo and I keep track of your welcome visits. Tell me in your own words how a visit went (e.g. "Hansen not home, left the folder"), or write "my visits" or "help".`,
  thanks: () => "You're welcome! 😊",
  noOpenVisits: () =>
    "You have no open visits right now. I'll write when there are new residents to welcome.",
  openVisitsIntro: (count) =>
    `${count === 1 ? 'You have 1 open visit' : `You have ${count} open visits`}. Tap a button, or tell me in your own words how it went:`,
  householdLine: (household, address, movedIn) => `${household} — ${address} · moved in ${movedIn}`,
  attemptsSoFar: (count) => (count === 1 ? '1 attempt so far' : `${count} attempts so far`),
  outcomeButton: (choice) =>
    ({
      met: 'Met',
      not_home_folder: 'Not home – folder left',
      not_home: 'Not home',
      postponed: 'Come back later',
      declined: 'Declined',
      moved: 'Moved / wrong address',
    })[choice],
  privateOnly: () =>
    "I only show residents' names in a private message. Write to me directly and I'll send the list there.",
  visitsWord: () => 'visits',
  helpButton: () => 'Help',
  myVisitsButton: () => 'My visits',
  reportVisitButton: () => 'Report a visit',
  askOutcome: (household) => `How did it go at ${household}?`,
  askWhichHousehold: () => 'Which household is it about?',
  notOnYourList: (written) => `${written} is not on your list. Which household is it about?`,
  reportTooLong: (length, max) =>
    `Your message is too long for me to save (${length.toLocaleString('en-GB')} characters, at most ${max.toLocaleString('en-GB')}). Please write it shorter — I have not saved anything.`,
  tellMeLater: (household) => `Tell me afterwards how it went at ${household}.`,
  sensitiveNote: (note) =>
    `Remember your confidentiality duty 🤫 The note "${note}" seems to be about something personal. Shall I keep it?`,
  keepNoteButton: () => 'Yes, keep the note',
  dropNoteButton: () => 'No, delete the note',
  noteKept: () => '✓ The note is kept.',
  noteDropped: () => '✓ The note is deleted.',
  reportRecorded: (outcome, household, folderLeft) => {
    const folder =
      folderLeft === true ? ', folder delivered' : folderLeft === false ? ', no folder left' : '';
    switch (outcome) {
      case 'met':
        return `✅ Noted: you met ${household}${folder}.`;
      case 'not_home':
        return `📬 Noted: ${household} was not home${folderLeft === true ? ', folder left in the mailbox' : folder}.`;
      case 'postponed':
        return `🕑 Noted: ${household} asked you to come back${folder}.`;
      case 'declined':
        return `Noted: ${household} declined${folder}.`;
      case 'moved':
        return `Noted: ${household} does not live there (moved or wrong address).`;
    }
  },
  visitClosed: (reason) =>
    ({
      met: 'The visit is done — thank you! 🎉',
      declined: 'The visit is closed.',
      moved: 'The visit is closed, and your coordinator can see it in the overview.',
      folder_delivered_not_met:
        'That was the last try, so the visit is closed as "folder delivered, not met".',
      not_reached: 'That was the last try, so the visit is closed as "not reached".',
      erased: 'The visit is closed.',
    })[reason],
  nextTry: (day) => `Next try: ${day}.`,
  noteSaved: (note) => `Note: "${note}".`,
  undoHint: () => 'Write "undo" if that is wrong.',
  notYourVisit: () => 'I cannot find that visit among yours. Write "my visits" to see yours.',
  visitAlreadyClosed: (household) =>
    `The visit to ${household} is already closed. Write "undo" if that was a mistake.`,
  alreadyRecorded: (household, latest, attempts) =>
    latest
      ? `That is already recorded: ${household} — "${latest}" (${attempts} ${attempts === 1 ? 'try' : 'tries'} in all). I have not noted anything new.`
      : `Nothing is recorded for ${household} yet. Write "my visits" for fresh buttons.`,
  nothingToUndo: () => 'There is nothing to undo right now.',
  undone: (household) =>
    `↩️ Undone: your latest report about ${household} is removed, and the visit is open again.`,
  correcting: (household) => `I am correcting your report about ${household}.`,
  yes: () => 'Yes',
  no: () => 'No',
  nothingChanged: () => "Fine, I won't change anything.",
  pauseNeedsDate: () => 'When would you like to start again? Write e.g. "pause until 1 January".',
  confirmPause: (day) =>
    `Shall I pause new visits for you until ${day}? Your open visits stay with you.`,
  paused: (day) =>
    `⏸️ Pause noted: no new visits before ${day}. Write "I'm back" if you want to start earlier.`,
  resumed: () => '▶️ Welcome back! You will get new visits at the next hand-out.',
  capacityOutOfRange: (max) =>
    `Write a number from 1 to ${max}, e.g. "I can take 3 a month". To take a break, write "pause until" and a date.`,
  confirmCapacity: (perMonth) =>
    `Shall I give you at most ${perMonth} new ${perMonth === 1 ? 'household' : 'households'} a month from the next hand-out?`,
  capacitySet: (perMonth) =>
    `👍 Noted: at most ${perMonth} new ${perMonth === 1 ? 'household' : 'households'} a month from the next hand-out.`,
  languageSet: () => "Fine, I'll write in English from now on. 🇬🇧",
  areaOverview: (area, open, perAmbassador, waiting) =>
    `${area}: ${open} open ${open === 1 ? 'visit' : 'visits'}` +
    (perAmbassador.length > 0
      ? ` (${perAmbassador.map((a) => `${a.name} ${a.open}`).join(', ')})`
      : '') +
    `. ${waiting === 1 ? '1 household waits' : `${waiting} households wait`} for the next hand-out.`,
  fileNotExpected: () =>
    'Thanks for the file! I can\'t use it here. Write "help" to see what I can do.',
};
