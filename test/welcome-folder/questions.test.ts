import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  answerFolderQuestion,
  type FolderAnswer,
} from '../../src/welcome-folder/answer-question.js';
import { parseFolderFile } from '../../src/welcome-folder/load-folder-file.js';

const folder = parseFolderFile(
  readFileSync(join(import.meta.dirname, '../fixtures/welcome-folder/gellerup.json')),
  'gellerup.json',
);

/** What the answer points at: a contact kind, an activity's name, the gift or every activity. */
function target(answer: FolderAnswer | undefined): string | undefined {
  if (!answer) return undefined;
  switch (answer.kind) {
    case 'contacts':
    case 'missing_contact':
      return answer.contactKind;
    case 'activities':
      return answer.all ? 'all activities' : answer.activities.map((a) => a.name).join(',');
    case 'gift':
      return 'gift';
  }
}

describe('Questions about the welcome folder, in Danish and English', () => {
  it.each([
    ['varmemesterens nummer?', 'caretaker'],
    ['hvad er varmemesterens nummer', 'caretaker'],
    ['Hvornår har varmemesteren åbent?', 'caretaker'],
    ['hvem ringer jeg til om en ødelagt lampe?', 'caretaker'],
    ['lyset i køkkenet virker ikke, hvem skal de ringe til?', 'caretaker'],
    ['køkkenlampen er gået i stykker?', 'caretaker'],
    ['de har mistet nøglen, hvad gør de?', 'caretaker'],
    ['der er ikke noget varmt vand?', 'caretaker'],
    ['radiatoren er kold?', 'caretaker'],
    ['vicevært?', 'caretaker'],
    ['varmemestr nummer?', 'caretaker'],
    ['who do I call about a broken lamp?', 'caretaker'],
    ["what's the caretaker's number?", 'caretaker'],
    ['the heating does not work, who can fix it?', 'caretaker'],
    ['lost their keys, who to call?', 'caretaker'],
    ['lægevagt', 'doctor_on_call'],
    ['hvad gør man hvis man bliver syg om natten?', 'doctor_on_call'],
    ['laegevagtens nummer?', 'doctor_on_call'],
    ['who is the doctor on call?', 'doctor_on_call'],
    ['my neighbour is sick, what number?', 'doctor_on_call'],
    ['hvem er formand for afdelingsbestyrelsen?', 'board'],
    ['who is on the board?', 'board'],
    ['hvordan får jeg fat i den boligsociale medarbejder?', 'social_worker'],
    ['how do I reach the social worker?', 'social_worker'],
    ['hvornår er der madklub?', 'Madklub'],
    ['hvornar er madklubben', 'Madklub'],
    ['when is the dinner club?', 'Madklub'],
    ['er der lektiehjælp til børnene?', 'Lektiecafé'],
    ['homework help for kids?', 'Lektiecafé'],
    ['hvornår er der loppemarked?', 'Loppemarked'],
    ['hvad sker der i området?', 'all activities'],
    ['which activities are there?', 'all activities'],
    ['hvad er velkomstgaven?', 'gift'],
    ['what is the welcome gift?', 'gift'],
  ])('«%s» → %s', (question, expected) => {
    expect(target(answerFolderQuestion(question, folder))).toBe(expected);
  });

  it.each([
    'mødte dem, de var søde',
    'ikke hjemme',
    'hun har lyst til at komme igen',
    'tak for i dag',
  ])('«%s» asks nothing of the folder', (text) => {
    expect(answerFolderQuestion(text, folder)).toBeUndefined();
  });

  it('when the problem is named, then the answer says who fixes it', () => {
    expect(answerFolderQuestion('lampen er i stykker, hvem ringer jeg til?', folder)).toMatchObject(
      {
        kind: 'contacts',
        problem: true,
      },
    );
    expect(answerFolderQuestion('varmemesterens nummer?', folder)).toMatchObject({
      problem: false,
    });
  });

  it('when the folder lacks the contact, then the answer says so', () => {
    expect(answerFolderQuestion('varmemester?', { contacts: [], activities: [] })).toEqual({
      kind: 'missing_contact',
      contactKind: 'caretaker',
    });
  });
});
