/**
 * Per-key ordering: tasks with one key run one after another, in the order they were given; tasks with
 * different keys (or no key) run concurrently.
 */
export class KeyedSerializer {
  private tails = new Map<string, Promise<void>>();

  /** Run `task` after every earlier task with the same key has settled. */
  run<T>(key: string | undefined, task: () => Promise<T>): Promise<T> {
    if (key === undefined) return task();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
