import type { Logger } from '../../kernel/logger.js';

/**
 * Work that runs after Teams has had its HTTP answer (Teams gives a bot 15 s per request, and a
 * report may need several database round trips and connector calls). Work for one conversation
 * runs in arrival order, so two quick messages from one person never race each other; different
 * conversations run side by side. `whenIdle()` lets tests and shutdown wait for it all.
 */
export class WorkQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(key: string, label: string, work: () => Promise<void>): void {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => {
      // Never the message text or names: only what kind of work failed and why.
      this.logger.error({ err: error, work: label }, 'teams background work failed');
    });
    this.tails.set(key, next);
    this.pending.add(next);
    void next.finally(() => {
      this.pending.delete(next);
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
  }

  /** Resolves once nothing is running, including work that was queued while waiting. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
