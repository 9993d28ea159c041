import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();

describe('areas (contract)', () => {
  it('when an area is created with only key and name, then the programme defaults apply', async () => {
    const area = await db().areas.create({ key: 'gellerup', name: 'Gellerup' });
    expect(area).toMatchObject({
      key: 'gellerup',
      name: 'Gellerup',
      timeZone: 'Europe/Copenhagen',
      locale: 'da',
      settings: {
        maxAttempts: 2,
        revisitAfterDays: 3,
        revisitHour: 10,
        firstAttemptDeadlineDays: 14,
        assignmentCron: '0 9 1 * *',
        checkInEveryWeeks: 6,
      },
    });
    expect(area.id).toMatch(/^[0-9a-f]{24}$/);
    expect(area.createdAt).toBeInstanceOf(Date);
  });

  it('when a second area takes a used key, then ALREADY_EXISTS and the first is untouched', async () => {
    await db().areas.create({ key: 'trige', name: 'Trige' });
    await expect(db().areas.create({ key: 'trige', name: 'Other' })).rejects.toMatchObject({
      name: 'NaboError',
      code: 'ALREADY_EXISTS',
    });
    expect((await db().areas.findByKey('trige'))?.name).toBe('Trige');
  });

  it('when settings and zone are given, then they are kept and missing settings default', async () => {
    const area = await db().areas.create({
      key: 'vejle-nord',
      name: 'Nørremarken',
      timeZone: 'Europe/Berlin',
      locale: 'en',
      settings: { maxAttempts: 3 },
    });
    expect(area.timeZone).toBe('Europe/Berlin');
    expect(area.locale).toBe('en');
    expect(area.settings.maxAttempts).toBe(3);
    expect(area.settings.revisitAfterDays).toBe(3);
  });

  it('when the key is not a slug or the zone unknown, then INVALID_INPUT', async () => {
    await expect(db().areas.create({ key: 'Gellerup Parken', name: 'x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      db().areas.create({ key: 'loeget', name: 'Løget', timeZone: 'Mars/Olympus' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('when a setting is out of range, then INVALID_INPUT', async () => {
    await expect(
      db().areas.create({ key: 'bad-hour', name: 'x', settings: { revisitHour: 25 } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('when looking up an unknown key or id, then null', async () => {
    expect(await db().areas.findByKey('nowhere')).toBeNull();
    expect(await db().areas.findById('65f0000000000000000000ff')).toBeNull();
    expect(await db().areas.findById('gellerup')).toBeNull();
  });

  it('when looking up by id, then the same area as by key', async () => {
    const byKey = await db().areas.findByKey('gellerup');
    expect(await db().areas.findById(byKey!.id)).toEqual(byKey);
  });

  it('when listing, then all areas come back ordered by key as plain objects', async () => {
    const keys = (await db().areas.list()).map((area) => area.key);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toEqual(expect.arrayContaining(['gellerup', 'trige', 'vejle-nord']));
    const [first] = await db().areas.list();
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(typeof first?.id).toBe('string');
  });
});
