/**
 * Idempotent consumers: a store of processed message ids per consumer group.
 *
 * The contract, for every implementation (in memory, SQL, ...):
 *
 *   1. `claim(group, id)` is called before the handler runs. It returns `true` when this consumer may
 *      process the message: the id was never processed by the group and nobody else holds a claim on it.
 *      It returns `false` for a duplicate, and the message is acknowledged without calling the handler.
 *      A claim must be atomic: two consumers claiming the same id at once get `true` only once.
 *   2. After the handler succeeded (and its reply, if any, was sent) `commit(group, id)` records the id
 *      as processed for good.
 *   3. When the handler failed, `release(group, id)` forgets the claim, so a redelivery is processed.
 *
 * `claim`, the handler and `commit`/`release` run in one async context (one call chain), so a SQL store
 * can open a transaction in `claim` (insert the id into a `processed_messages(group, id)` table with a
 * primary key, which makes the claim atomic), expose it to the handler through `AsyncLocalStorage` so the
 * handler's own writes join it, and `COMMIT` in `commit` or `ROLLBACK` in `release`: the business change
 * and the processed id are then stored atomically.
 */
export interface DedupStore {
  claim(group: string, messageId: string): Promise<boolean>;
  commit(group: string, messageId: string): Promise<void>;
  release(group: string, messageId: string): Promise<void>;
}

/** Processed ids in memory, per group; the oldest are forgotten past `maxIds` per group. */
export class InMemoryDedupStore implements DedupStore {
  private processed = new Map<string, Set<string>>();
  private claimed = new Set<string>();

  constructor(private readonly maxIds = 100_000) {}

  async claim(group: string, messageId: string): Promise<boolean> {
    const k = `${group}\u0000${messageId}`;
    if (this.claimed.has(k) || this.processed.get(group)?.has(messageId)) return false;
    this.claimed.add(k);
    return true;
  }

  async commit(group: string, messageId: string): Promise<void> {
    this.claimed.delete(`${group}\u0000${messageId}`);
    let ids = this.processed.get(group);
    if (!ids) this.processed.set(group, (ids = new Set()));
    ids.add(messageId);
    if (ids.size > this.maxIds) ids.delete(ids.values().next().value as string);
  }

  async release(group: string, messageId: string): Promise<void> {
    this.claimed.delete(`${group}\u0000${messageId}`);
  }

  /** Whether the group processed the id (for tests and diagnostics). */
  has(group: string, messageId: string): boolean {
    return this.processed.get(group)?.has(messageId) ?? false;
  }
}
