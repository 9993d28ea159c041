import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../../adapters/slack/turn-queue.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('the bot turn queue', () => {
  it('when more turns arrive than may run at once, then the rest wait and run in order', async () => {
    const queue = new TurnQueue(2, 10);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      queue.run(async () => {
        started.push(index);
        await gate.promise;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);

    gates[0]!.resolve();
    await runs[0];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    await Promise.all(runs);
  });

  it('when the waiting line is full, then the queue says so', async () => {
    const queue = new TurnQueue(1, 1);
    const gate = deferred();
    const first = queue.run(() => gate.promise);
    const second = queue.run(async () => undefined);
    expect(queue.isFull).toBe(true);
    gate.resolve();
    await Promise.all([first, second]);
    expect(queue.isFull).toBe(false);
  });

  it('when a turn fails, then its place is freed for the next', async () => {
    const queue = new TurnQueue(1, 5);
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });
});
