/**
 * The conversation links this process has stored, so that the same link is not written to
 * MongoDB again on every message. Bounded: a long-running process must not grow. Losing it (a
 * restart, another replica) costs one write, never a wrong link.
 */
export class LinkMemory {
  private readonly stored = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  isKnown(personId: string, platform: string, address: unknown): boolean {
    return this.stored.get(`${platform}:${personId}`) === JSON.stringify(address);
  }

  remember(personId: string, platform: string, address: unknown): void {
    const key = `${platform}:${personId}`;
    // Re-inserting moves the key to the end: the map's order is least recently used first.
    this.stored.delete(key);
    this.stored.set(key, JSON.stringify(address));
    if (this.stored.size > this.capacity) {
      const oldest = this.stored.keys().next();
      if (!oldest.done) this.stored.delete(oldest.value);
    }
  }
}
