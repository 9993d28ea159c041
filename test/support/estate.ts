import { consoleIdentity } from '../../adapters/console/platform.js';
import type { NaboDatabase } from '../../models/database.js';
import type { Area, Person, PlatformIdentity, Resident } from '../../models/types.js';

export interface Household {
  names: string[];
  address: string;
  unit?: string;
  moveInDate?: string;
}

export interface TestEstate {
  area: Area;
  /**
   * Adds an ambassador who has confirmed the volunteer agreement and confidentiality (only they
   * may see and report households), reachable as a console handle or as the platform identity.
   */
  ambassador(
    name: string,
    who: string | PlatformIdentity,
    extra?: { locale?: 'da' | 'en' },
  ): Promise<Person>;
  coordinator(name: string, handle: string): Promise<Person>;
  /** Stores the households and hands each to the ambassador; returns the residents in order. */
  assign(ambassador: Person, households: Household[], month?: string): Promise<Resident[]>;
}

let estates = 0;

/** A small estate of its own for each test, so tests never see each other's households. */
export async function createEstate(
  db: NaboDatabase,
  settings: Partial<Area['settings']> = {},
): Promise<TestEstate> {
  const area = await db.areas.create({
    key: `estate-${++estates}-${Date.now() % 100000}`,
    name: 'Testparken',
    settings,
  });
  let rows = 0;
  const agreed = new Date('2026-01-01T00:00:00Z');
  return {
    area,
    ambassador: (name, who, extra = {}) =>
      db.people.add({
        name,
        roles: [{ areaId: area.id, role: 'ambassador' }],
        identities: [typeof who === 'string' ? consoleIdentity(who) : who],
        volunteerAgreementAt: agreed,
        confidentialityAt: agreed,
        ...(extra.locale ? { locale: extra.locale } : {}),
      }),
    coordinator: (name, handle) =>
      db.people.add({
        name,
        roles: [{ areaId: area.id, role: 'coordinator' }],
        identities: [consoleIdentity(handle)],
      }),
    async assign(ambassador, households, month = '2026-11') {
      await db.residents.importMany(
        area.id,
        households.map((household) => ({
          names: household.names,
          address: household.address,
          unit: household.unit ?? '',
          moveInDate: household.moveInDate ?? '2026-11-01',
          source: { list: 'test', row: ++rows },
        })),
      );
      const stored = await db.residents.listUnassigned(area.id);
      const mine = households.map((household) => {
        const resident = stored.find(
          (candidate) =>
            candidate.address === household.address && candidate.unit === (household.unit ?? ''),
        );
        if (!resident) throw new Error(`household at ${household.address} was not stored`);
        return resident;
      });
      for (const resident of mine) await db.visits.open(resident.id, ambassador.id, month);
      return mine;
    },
  };
}
