import { describe, expect, it } from 'vitest';
import { parseAnnouncement } from '../../src/events/parse-announcement.js';

/** Monday 30 November 2026, 10:00 in Copenhagen. */
const options = { now: new Date('2026-11-30T09:00:00Z'), zone: 'Europe/Copenhagen' };
const local = (iso: string) => new Date(iso).toISOString();

describe('reading a coordinator announcement', () => {
  it.each([
    [
      'kursus i konfliktnedtrapning 14/1 kl 17-19 i fælleshuset',
      'Kursus i konfliktnedtrapning',
      '2027-01-14T17:00:00+01:00',
      '2027-01-14T19:00:00+01:00',
      'i fælleshuset',
    ],
    [
      'Julefrokost for ambassadørerne fredag kl. 18 i Kvarterhuset',
      'Julefrokost for ambassadørerne',
      '2026-12-04T18:00:00+01:00',
      undefined,
      'i Kvarterhuset',
    ],
    [
      'Oplæg om affaldssortering 3. december kl 19.30-21 på biblioteket',
      'Oplæg om affaldssortering',
      '2026-12-03T19:30:00+01:00',
      '2026-12-03T21:00:00+01:00',
      'på biblioteket',
    ],
    ['Sommerfest 20/6 kl 14', 'Sommerfest', '2027-06-20T14:00:00+02:00', undefined, undefined],
  ])('"%s" is read as its title, start, end and place', (text, title, startsAt, endsAt, place) => {
    const parsed = parseAnnouncement(text, options);
    expect(parsed).toEqual({
      ok: true,
      announcement: {
        title,
        startsAt: new Date(local(startsAt)),
        ...(endsAt ? { endsAt: new Date(local(endsAt)) } : {}),
        ...(place ? { place } : {}),
      },
    });
  });

  it.each([
    ['kl 17 i fælleshuset 14/1', 'missing_title'],
    ['Kursus i konfliktnedtrapning', 'missing_date'],
    ['Kursus i konfliktnedtrapning 14/1 i fælleshuset', 'missing_time'],
    ['Kursus i morgen kl 17', undefined],
  ])('"%s" asks for what is missing', (text, problem) => {
    const parsed = parseAnnouncement(text, options);
    if (problem === undefined) expect(parsed.ok).toBe(true);
    else expect(parsed).toEqual({ ok: false, problem });
  });
});
