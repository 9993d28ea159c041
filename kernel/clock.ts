import { DateTime } from 'luxon';

/** The current time, injectable so tests and the demo can stand on any day. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(
  at: Date | string,
): Clock & { set(next: Date | string): void; advance(ms: number): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = new Date(next);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/**
 * A clock that stands at `start` and then runs on at the pace of `real`, as `faketime '@…'`
 * does: a process started with a fixed "now" (NABO_NOW, `nabo demo --now`) still sees its
 * meeting timeboxes and reminder delays pass in real time.
 */
export function clockStartingAt(start: Date, real: Clock = systemClock): Clock {
  const offset = start.getTime() - real.now().getTime();
  return { now: () => new Date(real.now().getTime() + offset) };
}

/** The clock of a process: the configured start (NABO_NOW) when there is one, else the system's. */
export function processClock(start: Date | undefined): Clock {
  return start ? clockStartingAt(start) : systemClock;
}

/**
 * A moment as written in NABO_NOW or `--now`: ISO 8601, e.g. 2026-12-31T12:00:00Z or
 * 2026-12-31T12:00 (then in `zone`, the estate's time). Undefined when it is not one.
 */
export function parseNow(text: string, zone: string): Date | undefined {
  const parsed = DateTime.fromISO(text.trim(), { zone });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}
