import type { NaboDatabase } from '../../../models/database.js';
import type { Area, Person } from '../../../models/types.js';

/**
 * A small estate with three months of programme history, known down to each try at the door, so
 * every figure of the report can be worked out by hand (see the expectations in cli.test.ts).
 * Every name, address and note is distinctive, so a privacy scan can look for each of them.
 */

export const SEEDED_PERSONAL_DATA = [
  'Ove Christensen',
  'Gudrunsvej',
  'Fatima Al-Sayed',
  'Ingrid Thorsager',
  'Kløvervænget',
  'vil gerne med i madklubben',
  'knækket køkkenlampe',
  'Birgit Sørensen',
  'Ahmed Rahimi',
  '2. th',
  'tilflyttere-efteraar',
] as const;

interface Door {
  key: string;
  names: string[];
  address: string;
  moveInDate: string;
}

const doors: Door[] = [
  { key: 's1', names: ['Ingrid Thorsager'], address: 'Kløvervænget 1', moveInDate: '2026-09-10' },
  { key: 's2', names: ['Jens Kløvermark'], address: 'Kløvervænget 3', moveInDate: '2026-09-20' },
  { key: 'h1', names: ['Ove Christensen'], address: 'Gudrunsvej 10', moveInDate: '2026-10-01' },
  { key: 'h2', names: ['Fatima Al-Sayed'], address: 'Gudrunsvej 12', moveInDate: '2026-10-02' },
  { key: 'h3', names: ['Sofie Gudrunsen'], address: 'Gudrunsvej 14', moveInDate: '2026-10-03' },
  { key: 'h4', names: ['Mads Kløverholm'], address: 'Gudrunsvej 16', moveInDate: '2026-10-04' },
  { key: 'h5', names: ['Aisha Thorsager'], address: 'Gudrunsvej 18', moveInDate: '2026-10-05' },
  { key: 'h6', names: ['Peter Gudrunsvej'], address: 'Gudrunsvej 20', moveInDate: '2026-10-06' },
  { key: 'h7', names: ['Hanne Kløver'], address: 'Gudrunsvej 22', moveInDate: '2026-10-07' },
  { key: 'n1', names: ['Karim Christensen'], address: 'Kløvervænget 5', moveInDate: '2026-11-02' },
  { key: 'n2', names: ['Lone Al-Sayed'], address: 'Kløvervænget 7', moveInDate: '2026-11-03' },
  { key: 'n3', names: ['Omar Thorsager'], address: 'Kløvervænget 9', moveInDate: '2026-11-04' },
  { key: 'n4', names: ['Eva Christensen'], address: 'Kløvervænget 11', moveInDate: '2026-11-05' },
  { key: 'n5', names: ['Yusuf Gudrunsen'], address: 'Kløvervænget 13', moveInDate: '2026-11-06' },
  { key: 'n6', names: ['Maja Al-Sayed'], address: 'Kløvervænget 15', moveInDate: '2026-11-07' },
];

type Try = [at: string, outcome: 'met' | 'not_home', folderLeft: boolean, note?: string];

export interface SeededEstate {
  area: Area;
  birgit: Person;
  ahmed: Person;
}

export async function seedProgramme(db: NaboDatabase, key: string): Promise<SeededEstate> {
  const area = await db.areas.create({ key, name: 'Solbakken' });
  const agreed = new Date('2026-01-01T00:00:00Z');
  const person = (name: string) =>
    db.people.add({
      name,
      roles: [{ areaId: area.id, role: 'ambassador' }],
      volunteerAgreementAt: agreed,
      confidentialityAt: agreed,
    });
  const birgit = await person('Birgit Sørensen');
  const ahmed = await person('Ahmed Rahimi');

  await db.residents.importMany(
    area.id,
    doors.map((door, row) => ({
      names: door.names,
      address: door.address,
      unit: '2. th',
      moveInDate: door.moveInDate,
      source: { list: 'tilflyttere-efteraar.csv', row: row + 2 },
    })),
  );
  const stored = await db.residents.listUnassigned(area.id);
  const idOf = (doorKey: string): string => {
    const door = doors.find((candidate) => candidate.key === doorKey);
    const resident = stored.find((candidate) => candidate.address === door?.address);
    if (!resident) throw new Error(`household ${doorKey} was not stored`);
    return resident.id;
  };

  const visit = async (
    door: string,
    ambassador: Person,
    month: string,
    tries: Try[],
    closing?: 'met' | 'folder_delivered_not_met',
  ): Promise<void> => {
    const opened = await db.visits.open(idOf(door), ambassador.id, month);
    for (const [at, outcome, folderLeft, note] of tries) {
      await db.visits.recordAttempt(opened.id, {
        at: new Date(at),
        outcome,
        folderLeft,
        ...(note ? { note, noteBy: ambassador.id } : {}),
      });
    }
    if (closing) await db.visits.close(opened.id, closing);
  };

  // September: two households, one met (by Ahmed), one never handed out.
  await visit('s1', ahmed, '2026-09', [['2026-09-15T15:00:00Z', 'met', true]], 'met');
  // October: five met, one folder only, one never handed out. Days to the first try:
  // 4, 6, 7, 8, 27 (h5 tried at 00:30 on 1 November, Copenhagen time), 3 → median 6.5.
  await visit(
    'h1',
    birgit,
    '2026-10',
    [['2026-10-05T15:00:00Z', 'met', true, 'vil gerne med i madklubben']],
    'met',
  );
  await visit('h2', birgit, '2026-10', [['2026-10-08T15:00:00Z', 'met', true]], 'met');
  await visit(
    'h3',
    birgit,
    '2026-10',
    [['2026-10-10T15:00:00Z', 'met', true, 'knækket køkkenlampe']],
    'met',
  );
  await visit(
    'h4',
    birgit,
    '2026-10',
    [
      ['2026-10-12T15:00:00Z', 'not_home', false],
      ['2026-10-20T15:00:00Z', 'met', true],
    ],
    'met',
  );
  await visit('h5', ahmed, '2026-10', [['2026-10-31T23:30:00Z', 'met', true]], 'met');
  await visit(
    'h6',
    ahmed,
    '2026-10',
    [['2026-10-09T15:00:00Z', 'not_home', true]],
    'folder_delivered_not_met',
  );
  // November: two met the day after moving in, four not at home and still open
  // (days 1, 1, 6, 5, 4, 3 → median 3.5).
  await visit('n1', birgit, '2026-11', [['2026-11-03T10:00:00Z', 'met', true]], 'met');
  await visit('n2', birgit, '2026-11', [['2026-11-04T10:00:00Z', 'met', true]], 'met');
  for (const door of ['n3', 'n4', 'n5', 'n6']) {
    await visit(door, birgit, '2026-11', [['2026-11-10T10:00:00Z', 'not_home', false]]);
  }

  // A meeting held in October; one planned for November, not held yet.
  const held = await db.meetings.create({
    areaId: area.id,
    title: 'Netværksmøde oktober',
    startsAt: new Date('2026-10-14T15:00:00Z'),
  });
  await db.meetings.update(held.id, {
    status: 'finished',
    startedAt: new Date('2026-10-14T15:05:00Z'),
    endedAt: new Date('2026-10-14T16:00:00Z'),
  });
  await db.meetings.create({
    areaId: area.id,
    title: 'Netværksmøde november',
    startsAt: new Date('2026-11-20T16:00:00Z'),
    status: 'planned',
  });

  // A check-in answered in November; one missed in October.
  const answered = await db.checkIns.create({
    personId: birgit.id,
    areaId: area.id,
    due: new Date('2026-11-04T09:00:00Z'),
  });
  await db.checkIns.update(answered.id, {
    status: 'answered',
    answeredAt: new Date('2026-11-05T09:00:00Z'),
  });
  const missed = await db.checkIns.create({
    personId: ahmed.id,
    areaId: area.id,
    due: new Date('2026-10-04T09:00:00Z'),
  });
  await db.checkIns.update(missed.id, { status: 'missed' });

  return { area, birgit, ahmed };
}
