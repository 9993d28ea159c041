import { consoleIdentity } from '../../adapters/console/platform.js';
import { MongoClient, ObjectId } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Area } from '../../models/types.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();
let gellerup: Area;
let trige: Area;

beforeAll(async () => {
  gellerup = await db().areas.create({ key: 'gellerup', name: 'Gellerup' });
  trige = await db().areas.create({ key: 'trige', name: 'Trige' });
});

describe('people (contract)', () => {
  it('when an ambassador is added with defaults, then capacity 4, active and Danish', async () => {
    const birgit = await db().people.add({
      name: 'Birgit Sørensen',
      roles: [{ areaId: gellerup.id, role: 'ambassador' }],
      identities: [consoleIdentity('Birgit')],
      languages: ['da', 'AR'],
      block: 'B4',
      stairwell: '10',
    });
    expect(birgit).toMatchObject({
      name: 'Birgit Sørensen',
      roles: [{ areaId: gellerup.id, role: 'ambassador' }],
      identities: [consoleIdentity('birgit')],
      languages: ['da', 'ar'],
      block: 'B4',
      stairwell: '10',
      monthlyCapacity: 4,
      status: { state: 'active' },
      locale: 'da',
    });
    expect(await db().people.findById(birgit.id)).toEqual(birgit);
  });

  it('when looking up a console handle in any case, then the same person is found', async () => {
    const found = await db().people.findByIdentity(consoleIdentity('BIRGIT'));
    expect(found?.name).toBe('Birgit Sørensen');
  });

  it('when a second person takes a console handle, then ALREADY_EXISTS', async () => {
    await expect(
      db().people.add({
        name: 'Another Birgit',
        roles: [{ areaId: gellerup.id, role: 'ambassador' }],
        identities: [consoleIdentity('birgit')],
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('when people have no platform identity at all, then they do not collide', async () => {
    const first = await db().people.add({
      name: 'Ahmed Hassan',
      roles: [{ areaId: gellerup.id, role: 'ambassador' }],
    });
    const second = await db().people.add({
      name: 'Lise Nielsen',
      roles: [{ areaId: gellerup.id, role: 'ambassador' }],
    });
    expect(first.identities).toEqual([]);
    expect(second.id).not.toBe(first.id);
  });

  it('when a Slack identity is reused in the same team, then ALREADY_EXISTS; in another team, fine', async () => {
    const mette = await db().people.add({
      name: 'Mette Holm',
      roles: [{ areaId: gellerup.id, role: 'coordinator' }],
      identities: [
        { platform: 'slack', workspaceId: 'T1', userId: 'U1' },
        { platform: 'teams', workspaceId: 'ten', userId: 'a1' },
      ],
    });
    await expect(
      db().people.add({
        name: 'Imposter',
        roles: [],
        identities: [{ platform: 'slack', workspaceId: 'T1', userId: 'U1' }],
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(
      db().people.add({
        name: 'Other',
        roles: [],
        identities: [{ platform: 'slack', workspaceId: 'T2', userId: 'U1' }],
      }),
    ).resolves.toMatchObject({
      identities: [{ platform: 'slack', workspaceId: 'T2', userId: 'U1' }],
    });
    expect(
      (await db().people.findByIdentity({ platform: 'slack', workspaceId: 'T1', userId: 'U1' }))
        ?.id,
    ).toBe(mette.id);
    expect(
      await db().people.findByIdentity({ platform: 'slack', workspaceId: 'T1', userId: 'U404' }),
    ).toBeNull();
  });

  it('when a Teams identity is reused in the same tenant, then ALREADY_EXISTS', async () => {
    await expect(
      db().people.add({
        name: 'Imposter',
        roles: [],
        identities: [{ platform: 'teams', workspaceId: 'ten', userId: 'a1' }],
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(
      (await db().people.findByIdentity({ platform: 'teams', workspaceId: 'ten', userId: 'a1' }))
        ?.name,
    ).toBe('Mette Holm');
    expect(
      await db().people.findByIdentity({ platform: 'teams', workspaceId: 'other', userId: 'a1' }),
    ).toBeNull();
  });

  it('when listing an area, then its people come by name, optionally only one role', async () => {
    await db().people.add({
      name: 'Trige Solo',
      roles: [{ areaId: trige.id, role: 'ambassador' }],
    });
    const everyone = await db().people.listByArea(gellerup.id);
    expect(everyone.map((person) => person.name)).toEqual([
      'Ahmed Hassan',
      'Birgit Sørensen',
      'Lise Nielsen',
      'Mette Holm',
    ]);
    const coordinators = await db().people.listByArea(gellerup.id, 'coordinator');
    expect(coordinators.map((person) => person.name)).toEqual(['Mette Holm']);
    expect((await db().people.listByArea(trige.id)).map((person) => person.name)).toEqual([
      'Trige Solo',
    ]);
  });

  it('when an ambassador pauses and resumes, then the status follows and pausedUntil goes', async () => {
    const birgit = await db().people.findByIdentity(consoleIdentity('birgit'));
    const until = new Date('2027-01-15T00:00:00.000Z');
    const paused = await db().people.pause(birgit!.id, until);
    expect(paused.status).toEqual({ state: 'paused', pausedUntil: until });
    const resumed = await db().people.resume(birgit!.id);
    expect(resumed.status).toEqual({ state: 'active' });
  });

  it('when capacity and locale change, then they are stored; nonsense is refused', async () => {
    const birgit = await db().people.findByIdentity(consoleIdentity('birgit'));
    expect((await db().people.setCapacity(birgit!.id, 2)).monthlyCapacity).toBe(2);
    expect((await db().people.setLocale(birgit!.id, 'en')).locale).toBe('en');
    await expect(db().people.setCapacity(birgit!.id, -1)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(db().people.setCapacity(birgit!.id, 2.5)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect((await db().people.findById(birgit!.id))?.monthlyCapacity).toBe(2);
  });

  it('when the person does not exist, then updates say NOT_FOUND and lookups null', async () => {
    await expect(db().people.resume('65f0000000000000000000ff')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(db().people.pause('not-an-id', new Date())).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await db().people.findById('not-an-id')).toBeNull();
  });

  it('when the person has left the programme, then pause, resume and capacity are CONFLICT', async () => {
    const lise = await db().people.add({
      name: 'Lise Left',
      roles: [{ areaId: gellerup.id, role: 'ambassador' }],
    });
    // No repository operation sets "left" yet: put the record there directly.
    const client = await MongoClient.connect(db.uri());
    try {
      await client
        .db(db.dbName())
        .collection('people')
        .updateOne(
          { _id: new ObjectId(lise.id) },
          { $set: { status: { state: 'left', leftReason: 'moved' } } },
        );
    } finally {
      await client.close();
    }
    await expect(db().people.resume(lise.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(db().people.setCapacity(lise.id, 2)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await db().people.findById(lise.id))?.status).toEqual({
      state: 'left',
      leftReason: 'moved',
    });
  });

  it('when a role names an invalid area id or a language is not a code, then INVALID_INPUT', async () => {
    await expect(
      db().people.add({ name: 'X', roles: [{ areaId: 'gellerup', role: 'ambassador' }] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      db().people.add({ name: 'X', roles: [], languages: ['Danish'] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
