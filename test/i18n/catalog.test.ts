import { describe, expect, it } from 'vitest';
import { da as conversationDa } from '../../src/i18n/da.js';
import { catalogFor } from '../../src/i18n/catalog.js';
import { checkInsDa } from '../../src/check-ins/messages.js';
import { coordinatorDa } from '../../src/corps/messages.js';
import { jobsDa } from '../../src/assignment/messages.js';
import { meetingsDa, statusDa } from '../../src/meetings/messages.js';
import { privacyDa } from '../../src/privacy/messages.js';
import { programmeReportDa } from '../../src/programme-report/messages.js';
import { residentListDa } from '../../src/resident-list/messages.js';
import { welcomeFolderDa } from '../../src/welcome-folder/messages.js';

/**
 * The catalogue joins each feature's messages. A key used by two features would silently make
 * one of them say the other's sentence, so the keys must not overlap.
 */
const modules: Record<string, object> = {
  conversation: conversationDa,
  jobs: jobsDa,
  meetings: meetingsDa,
  status: statusDa,
  checkIns: checkInsDa,
  privacy: privacyDa,
  coordinator: coordinatorDa,
  residentList: residentListDa,
  welcomeFolder: welcomeFolderDa,
  programmeReport: programmeReportDa,
};

describe('the message catalogue', () => {
  it('when the feature modules are joined, then no key is defined by two of them', () => {
    const owners = new Map<string, string[]>();
    for (const [name, messages] of Object.entries(modules)) {
      for (const key of Object.keys(messages)) owners.set(key, [...(owners.get(key) ?? []), name]);
    }
    const shared = [...owners].filter(([, names]) => names.length > 1);
    expect(shared).toEqual([]);
  });

  it('when a person reads Danish or English, then every message exists in both, and they differ', () => {
    const da = catalogFor('da') as Record<string, unknown>;
    const en = catalogFor('en') as Record<string, unknown>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
    const untranslated = Object.keys(da).filter((key) => {
      const [danish, english] = [da[key], en[key]];
      if (typeof danish !== 'function' || typeof english !== 'function') return false;
      if (danish.length > 0) return false; // takes parameters: compared in the flows' tests
      return (danish as () => unknown)() === (english as () => unknown)();
    });
    // Words that are the same in both languages are fine; sentences are not.
    const sentences = untranslated.filter((key) => {
      const text = String((da[key] as () => unknown)());
      return text.split(/\s+/).length > 2;
    });
    expect(sentences).toEqual([]);
  });
});
