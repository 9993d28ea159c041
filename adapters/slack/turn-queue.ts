/**
 * Runs the bot's turns with bounded concurrency. Every turn shares the event loop with the
 * receiver: with hundreds of turns in flight, each one's database callbacks queue ahead of the
 * next request's, and acknowledgements slow down until Slack retries. Bounding the turns keeps an
 * event-loop iteration short, so acks stay fast while the backlog drains; a backlog beyond
 * `maxQueued` is refused (Slack retries events later) rather than grown without bound.
 */
export class TurnQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
  ) {}

  /** True when a new request should be refused instead of queued. */
  get isFull(): boolean {
    return this.waiting.length >= this.maxQueued;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
