import { consoleHandleOf } from '../../adapters/console/platform.js';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

const db = useTestDatabase();
let handles = 0;

describe('People repository: what the corps needs', () => {
  it('when a profile is updated, then only the given fields change and an empty block removes it', async () => {
    const estate = await createEstate(db());
    const birgit = await estate.ambassador('Birgit Sørensen', `b-${++handles}`);
    await db().people.updateProfile(birgit.id, { block: 'B4', languages: ['da', 'ar'] });
    const updated = await db().people.updateProfile(birgit.id, { block: '', monthlyCapacity: 2 });
    expect(updated).toMatchObject({ languages: ['da', 'ar'], monthlyCapacity: 2 });
    expect(updated.block).toBeUndefined();
    await expect(
      db().people.updateProfile(birgit.id, { monthlyCapacity: 99 }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      db().people.updateProfile(birgit.id, { languages: ['klingon'] }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('when someone leaves, then the reason is kept and they cannot be changed or paused', async () => {
    const estate = await createEstate(db());
    const birgit = await estate.ambassador('Birgit Sørensen', `b-${++handles}`);
    const left = await db().people.markLeft(birgit.id, 'moved', 'til Aarhus');
    expect(left.status).toEqual({ state: 'left', leftReason: 'moved', leftNote: 'til Aarhus' });
    await expect(db().people.markLeft(birgit.id, 'stopped')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(db().people.pause(birgit.id, new Date())).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('when the agreement is confirmed twice, then the first dates stay', async () => {
    const estate = await createEstate(db());
    const nadia = await db().people.add({
      name: 'Nadia Omar',
      roles: [{ areaId: estate.area.id, role: 'ambassador' }],
    });
    const first = new Date('2026-11-01T10:00:00Z');
    await db().people.confirmAgreement(nadia.id, first);
    const again = await db().people.confirmAgreement(nadia.id, new Date('2026-12-01T10:00:00Z'));
    expect(again.confidentialityAt).toEqual(first);
    expect(again.volunteerAgreementAt).toEqual(first);
  });

  it('when an identity is linked, then the person is found by it, and a taken one is refused', async () => {
    const estate = await createEstate(db());
    const birgit = await estate.ambassador('Birgit Sørensen', `b-${++handles}`);
    const ahmed = await estate.ambassador('Ahmed Karimi', `a-${++handles}`);
    await db().people.linkIdentity(birgit.id, {
      platform: 'slack',
      workspaceId: 'T1',
      userId: 'ULINK001',
    });
    expect(
      (
        await db().people.findByIdentity({
          platform: 'slack',
          workspaceId: 'T1',
          userId: 'ULINK001',
        })
      )?.id,
    ).toBe(birgit.id);
    expect(consoleHandleOf((await db().people.findById(birgit.id))!)).toBeDefined();
    await expect(
      db().people.linkIdentity(ahmed.id, {
        platform: 'slack',
        workspaceId: 'T1',
        userId: 'ULINK001',
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('when follow-ups are created twice for the same visit and topic, then one is stored', async () => {
    const estate = await createEstate(db());
    const birgit = await estate.ambassador('Birgit Sørensen', `b-${++handles}`);
    const [resident] = await estate.assign(birgit, [{ names: ['Ove'], address: 'Gudrunsvej 10' }]);
    const [visit] = await db().visits.listOpenForAmbassador(birgit.id);
    const input = {
      areaId: estate.area.id,
      visitId: visit!.id,
      kind: 'problem' as const,
      topic: 'lampen',
      createdBy: birgit.id,
    };
    const first = await db().followUps.create(input);
    const second = await db().followUps.create(input);
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.followUp.id).toBe(first.followUp.id);
    await db().followUps.close(first.followUp.id, birgit.id, new Date());
    await expect(
      db().followUps.close(first.followUp.id, birgit.id, new Date()),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(resident).toBeDefined();
  });
});
