import { DateTime } from 'luxon';
import type { NaboDatabase } from '../../models/database.js';
import type { NewResident, Person, PlatformIdentity } from '../../models/types.js';

/**
 * The demo estate, in the handbook's setting: a coordinator, three ambassadors and ten new
 * households (Ove and Else Christensen among them), none handed out yet: the demo starts with
 * the monthly hand-out, as on the 1st of the month.
 */
export const DEMO_AREA_KEY = 'solbakken';

interface DemoHousehold {
  names: string[];
  address: string;
  unit: string;
  stairwell: string;
  daysSinceMoveIn: number;
  languageHints: string[];
}

const HOUSEHOLDS: DemoHousehold[] = [
  {
    names: ['Ove Christensen', 'Else Christensen'],
    address: 'Gudrunsvej 10',
    unit: '1. th',
    stairwell: '10',
    daysSinceMoveIn: 9,
    languageHints: ['da'],
  },
  {
    names: ['Fatima Ali', 'Yusuf Ali'],
    address: 'Gudrunsvej 12',
    unit: 'st. tv',
    stairwell: '12',
    daysSinceMoveIn: 12,
    languageHints: ['ar', 'da'],
  },
  {
    names: ['Jonas Madsen'],
    address: 'Gudrunsvej 10',
    unit: '3. tv',
    stairwell: '10',
    daysSinceMoveIn: 5,
    languageHints: ['da'],
  },
  {
    names: ['Sara Holm', 'Mikkel Berg'],
    address: 'Gudrunsvej 14',
    unit: '2. th',
    stairwell: '14',
    daysSinceMoveIn: 16,
    languageHints: ['da'],
  },
  {
    names: ['Amira Hassan'],
    address: 'Gudrunsvej 12',
    unit: '2. tv',
    stairwell: '12',
    daysSinceMoveIn: 3,
    languageHints: ['so', 'en'],
  },
  {
    names: ['Peter Kristensen', 'Lene Kristensen'],
    address: 'Sigridsvej 3',
    unit: '1. tv',
    stairwell: '3',
    daysSinceMoveIn: 20,
    languageHints: ['da'],
  },
  {
    names: ['Nguyen Thi Lan'],
    address: 'Sigridsvej 3',
    unit: '4. th',
    stairwell: '3',
    daysSinceMoveIn: 7,
    languageHints: ['vi', 'en'],
  },
  {
    names: ['Kasper Andersen'],
    address: 'Gudrunsvej 14',
    unit: 'st. th',
    stairwell: '14',
    daysSinceMoveIn: 2,
    languageHints: ['da'],
  },
  {
    names: ['Hanne Jørgensen'],
    address: 'Sigridsvej 5',
    unit: '2. th',
    stairwell: '5',
    daysSinceMoveIn: 14,
    languageHints: ['da'],
  },
  {
    names: ['Mehmet Yilmaz', 'Ayse Yilmaz'],
    address: 'Sigridsvej 5',
    unit: '3. tv',
    stairwell: '5',
    daysSinceMoveIn: 1,
    languageHints: ['tr', 'da'],
  },
];

export interface DemoEstate {
  areaId: string;
  people: Record<'Mette' | 'Birgit' | 'Ahmed' | 'Lise', Person>;
  seeded: boolean;
}

/**
 * Seeds the demo estate once; on a database that already has it, returns what is there. The
 * people are known on the platform the demo talks through: `identityFor('birgit')` says how.
 */
export async function seedDemoEstate(
  db: NaboDatabase,
  now: Date,
  zone: string,
  identityFor: (handle: string) => PlatformIdentity,
): Promise<DemoEstate> {
  const existing = await db.areas.findByKey(DEMO_AREA_KEY);
  if (existing) {
    const everyone = await db.people.listByArea(existing.id);
    const byFirstName = (first: string): Person => {
      const person = everyone.find((candidate) => candidate.name.startsWith(`${first} `));
      if (!person)
        throw new Error(`The demo estate lacks ${first}; drop the database to reseed it`);
      return person;
    };
    return {
      areaId: existing.id,
      people: {
        Mette: byFirstName('Mette'),
        Birgit: byFirstName('Birgit'),
        Ahmed: byFirstName('Ahmed'),
        Lise: byFirstName('Lise'),
      },
      seeded: false,
    };
  }

  const area = await db.areas.create({ key: DEMO_AREA_KEY, name: 'Solbakken', timeZone: zone });
  const agreedAt = DateTime.fromJSDate(now, { zone }).minus({ months: 3 }).toJSDate();
  const volunteer = { volunteerAgreementAt: agreedAt, confidentialityAt: agreedAt };
  const people = {
    Mette: await db.people.add({
      name: 'Mette Holm',
      roles: [{ areaId: area.id, role: 'coordinator' }],
      identities: [identityFor('mette')],
      languages: ['da', 'en'],
    }),
    Birgit: await db.people.add({
      name: 'Birgit Sørensen',
      roles: [{ areaId: area.id, role: 'ambassador' }],
      identities: [identityFor('birgit')],
      languages: ['da'],
      stairwell: '10',
      monthlyCapacity: 4,
      ...volunteer,
    }),
    Ahmed: await db.people.add({
      name: 'Ahmed Hassan',
      roles: [{ areaId: area.id, role: 'ambassador' }],
      identities: [identityFor('ahmed')],
      languages: ['da', 'ar', 'so'],
      stairwell: '12',
      monthlyCapacity: 3,
      ...volunteer,
    }),
    Lise: await db.people.add({
      name: 'Lise Nielsen',
      roles: [{ areaId: area.id, role: 'ambassador' }],
      identities: [identityFor('lise')],
      languages: ['da', 'en'],
      stairwell: '3',
      monthlyCapacity: 2,
      locale: 'en',
      ...volunteer,
    }),
  };

  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const residents: NewResident[] = HOUSEHOLDS.map((household, index) => ({
    names: household.names,
    address: household.address,
    unit: household.unit,
    stairwell: household.stairwell,
    moveInDate: today.minus({ days: household.daysSinceMoveIn }).toISODate() ?? '',
    languageHints: household.languageHints,
    source: { list: 'demo', row: index + 2 },
  }));
  await db.residents.importMany(area.id, residents);

  // The welcome folder's content, so ambassadors can ask "varmemesterens nummer?".
  await db.welcomeFolders.replace(area.id, {
    contacts: [
      { kind: 'caretaker', name: 'Varmemester Jens', phone: '12 34 56 78', hours: 'hverdage 7-15' },
      {
        kind: 'doctor_on_call',
        name: 'Lægevagten',
        phone: '70 11 31 31',
        hours: 'hverdage 16-8, weekend hele døgnet',
      },
      { kind: 'board', name: 'Formand Lise Berg', phone: '22 33 44 55' },
      { kind: 'social_worker', name: 'Mette Holm', phone: '87 65 43 21', hours: 'man-tors 9-15' },
    ],
    activities: [
      { name: 'Madklub', weekday: 4, time: '17:30', place: 'fælleshuset' },
      { name: 'Lektiecafé', weekday: 2, time: '15:00', place: 'biblioteket' },
    ],
    gift: 'gavekort til Kvarterhusets café',
  });
  return { areaId: area.id, people, seeded: true };
}
