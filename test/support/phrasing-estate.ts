import type { NaboDatabase } from '../../models/database.js';
import type { Person, VisitWithResident } from '../../models/types.js';
import { createEstate, type Household } from './estate.js';

/**
 * The estate of the phrasing table: five ambassadors on one estate, each with their own open
 * households, chosen so that reading a report takes the ambassador's list into account:
 * - Birgit has the demo's four households (two houses, two flats in each);
 * - Ahmed has six: two called Lars and two called Mette in different households, a household of
 *   three people, surnames one letter apart (Petersen, Pedersen), a basement flat, and Peter and
 *   Lene Kristensen (so "Jens Christensen" is someone else);
 * - Lise writes in English; one of her flats is "1. mf";
 * - Ib has one open household;
 * - Karen has two Nielsens and a household whose first names are everyday words ("Per", "Else").
 */
export type AmbassadorKey = 'birgit' | 'ahmed' | 'lise' | 'ib' | 'karen';

export const ESTATE: Record<
  AmbassadorKey,
  { name: string; locale?: 'en'; households: Record<string, Household> }
> = {
  birgit: {
    name: 'Birgit Sørensen',
    households: {
      christensen: {
        names: ['Ove Christensen', 'Else Christensen'],
        address: 'Gudrunsvej 10',
        unit: '1. th',
      },
      madsen: { names: ['Jonas Madsen'], address: 'Gudrunsvej 10', unit: '3. tv' },
      holm: { names: ['Sara Holm', 'Mikkel Berg'], address: 'Gudrunsvej 14', unit: '2. th' },
      andersen: { names: ['Kasper Andersen'], address: 'Gudrunsvej 14', unit: 'st. th' },
    },
  },
  ahmed: {
    name: 'Ahmed Hassan',
    households: {
      ali: { names: ['Fatima Ali', 'Omar Haddad'], address: 'Lærkevej 3', unit: '1. tv' },
      petersen: { names: ['Lars Petersen'], address: 'Lærkevej 3', unit: '2. tv' },
      hansen: {
        names: ['Lars Hansen', 'Mette Hansen', 'Emil Hansen'],
        address: 'Lærkevej 5',
        unit: 'st. th',
      },
      pedersen: { names: ['Mette Pedersen'], address: 'Lærkevej 5', unit: '3. th' },
      nguyen: { names: ['Nguyen Thi Lan'], address: 'Lærkevej 7', unit: 'kld.' },
      kristensen: {
        names: ['Peter Kristensen', 'Lene Kristensen'],
        address: 'Sigridsvej 3',
        unit: '1. tv',
      },
    },
  },
  lise: {
    name: 'Lise Nielsen',
    locale: 'en',
    households: {
      sorensen: { names: ['Hanne Sørensen'], address: 'Sigridsvej 5', unit: '2. th' },
      yilmaz: { names: ['Mehmet Yilmaz', 'Ayse Yilmaz'], address: 'Sigridsvej 5', unit: '3. tv' },
      jorgensen: { names: ['Søren Jørgensen'], address: 'Sigridsvej 7', unit: '1. mf' },
    },
  },
  ib: {
    name: 'Ib Larsen',
    households: {
      hassan: { names: ['Amira Hassan'], address: 'Gudrunsvej 12', unit: '2. tv' },
    },
  },
  karen: {
    name: 'Karen Holm',
    households: {
      anna: { names: ['Anna Nielsen'], address: 'Tranevej 2', unit: '1. th' },
      bo: { names: ['Bo Nielsen'], address: 'Tranevej 4', unit: '1. th' },
      jensen: { names: ['Per Jensen', 'Else Jensen'], address: 'Tranevej 2', unit: '2. th' },
    },
  },
};

export interface SeededEstate {
  areaId: string;
  people: Record<AmbassadorKey, Person>;
  /** Console handle of each ambassador. */
  handles: Record<AmbassadorKey, string>;
  /** The open visit of a household, by its key in ESTATE. */
  visitOf(key: string): Promise<VisitWithResident>;
  /** Which household key a visit id belongs to. */
  keyOf(visitId: string): string | undefined;
}

let seeded = 0;

/** Seeds the estate afresh (its own area, its own console handles), with every visit open. */
export async function seedPhrasingEstate(db: NaboDatabase): Promise<SeededEstate> {
  const estate = await createEstate(db);
  const suffix = `${++seeded}-${Math.random().toString(36).slice(2, 7)}`;
  const people = {} as Record<AmbassadorKey, Person>;
  const handles = {} as Record<AmbassadorKey, string>;
  const visitIds = new Map<string, string>();
  for (const key of Object.keys(ESTATE) as AmbassadorKey[]) {
    const entry = ESTATE[key];
    handles[key] = `${key}-${suffix}`;
    people[key] = await estate.ambassador(
      entry.name,
      handles[key],
      entry.locale ? { locale: entry.locale } : {},
    );
    const householdKeys = Object.keys(entry.households);
    const residents = await estate.assign(people[key], Object.values(entry.households));
    const open = await db.visits.listOpenForAmbassador(people[key].id);
    residents.forEach((resident, index) => {
      const visit = open.find((candidate) => candidate.residentId === resident.id);
      const householdKey = householdKeys[index];
      if (visit && householdKey) visitIds.set(householdKey, visit.id);
    });
  }
  return {
    areaId: estate.area.id,
    people,
    handles,
    async visitOf(key) {
      const id = visitIds.get(key);
      const visit = id ? await db.visits.findById(id) : null;
      if (!visit) throw new Error(`no visit for household ${key}`);
      return visit;
    },
    keyOf(visitId) {
      for (const [key, id] of visitIds) if (id === visitId) return key;
      return undefined;
    },
  };
}
