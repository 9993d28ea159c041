import { describe, expect, it } from 'vitest';
import { CURSOR_IDLE_TIMEOUT_MS, CursorRegistry } from '../../models/embedded-mongo/cursors.js';

const docs = Array.from({ length: 5 }, (_, i) => ({ i }));

describe('embedded mongo: cursor registry', () => {
  it('opens cursors only when more documents remain, and never with id 0', () => {
    const cursors = new CursorRegistry();
    expect(cursors.open('d.c', docs, undefined).id.isZero()).toBe(true);
    expect(cursors.open('d.c', docs, 5).id.isZero()).toBe(true);
    expect(cursors.open('d.c', docs, 2, true).id.isZero()).toBe(true);
    const open = cursors.open('d.c', docs, 2);
    expect(open.id.isZero()).toBe(false);
    expect(open.batch).toEqual([{ i: 0 }, { i: 1 }]);
    const next = cursors.getMore(open.id, 'c', 2);
    expect(next.batch).toEqual([{ i: 2 }, { i: 3 }]);
    expect(next.id.equals(open.id)).toBe(true);
    const last = cursors.getMore(Number(open.id.toString()), 'c', undefined);
    expect(last.batch).toEqual([{ i: 4 }]);
    expect(last.id.isZero()).toBe(true);
    expect(cursors.openCount).toBe(0);
  });

  it('gives an empty first batch for batchSize 0 and keeps the cursor open', () => {
    const cursors = new CursorRegistry();
    const open = cursors.open('d.c', docs, 0);
    expect(open.batch).toEqual([]);
    expect(cursors.getMore(open.id, 'c', 0).batch).toHaveLength(5);
  });

  it('forgets cursors idle for more than ten minutes', () => {
    let now = 1_000_000;
    const cursors = new CursorRegistry(() => now);
    const open = cursors.open('d.c', docs, 1);
    now += CURSOR_IDLE_TIMEOUT_MS - 1;
    expect(cursors.getMore(open.id, 'c', 1).batch).toEqual([{ i: 1 }]);
    now += CURSOR_IDLE_TIMEOUT_MS + 1;
    cursors.sweep();
    expect(() => cursors.getMore(open.id, 'c', 1)).toThrow(expect.objectContaining({ code: 43 }));
  });
});
