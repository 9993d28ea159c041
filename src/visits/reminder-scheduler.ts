/**
 * The port through which the core asks for a reminder later ("try this door again on Friday").
 * src/ must not know BullMQ, so it sees only this; jobs/ implements it with delayed jobs. Every
 * reminder can be rebuilt from MongoDB (the visit's revisit date), so a scheduler that loses one
 * — a Redis flush, a failover — only delays it until the worker's next start-up reconcile.
 */
export interface ReminderScheduler {
  /**
   * Reminds the visit's ambassador at `at` (see `revisitReminderAt`). Idempotent: scheduling the
   * same visit and day twice keeps one reminder. A reminder whose visit has since been closed or
   * given another revisit date is dropped when it comes due, so callers need not cancel first.
   */
  scheduleRevisit(visitId: string, at: Date): Promise<void>;
  /** Drops the visit's pending revisit reminders (e.g. the visit was closed). */
  cancel(visitId: string): Promise<void>;
}

/** For the demo, the CLI and tests that do not run jobs: remembers nothing. */
export const noReminders: ReminderScheduler = {
  async scheduleRevisit() {},
  async cancel() {},
};
