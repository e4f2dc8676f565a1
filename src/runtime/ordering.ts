/**
 * Per-key ordering: tasks with one key run one after another, in the order they were given; tasks with
 * different keys (or no key) run concurrently.
 *
 * A key is present while one of its tasks runs, with the tasks waiting behind it in order; the first task
 * of an idle key starts at once. No promise chain per key: per message this costs one map entry.
 */
export class KeyedSerializer {
  /** key → resumptions of the tasks waiting for the running one. */
  private readonly queues = new Map<string, (() => void)[]>();

  /** Run `task` (with `arg`) after every earlier task with the same key has settled. */
  run<T>(key: string | undefined, task: () => Promise<T> | T): Promise<T>;
  run<A, T>(key: string | undefined, task: (arg: A) => Promise<T> | T, arg: A): Promise<T>;
  async run<A, T>(key: string | undefined, task: (arg?: A) => Promise<T> | T, arg?: A): Promise<T> {
    if (key === undefined) return task(arg);
    const waiting = this.queues.get(key);
    if (waiting) await new Promise<void>((resolve) => waiting.push(resolve));
    else this.queues.set(key, []);
    try {
      return await task(arg);
    } finally {
      const next = this.queues.get(key)!.shift();
      if (next) next();
      else this.queues.delete(key);
    }
  }

  /** Keys with a task queued or running. */
  get size(): number {
    return this.queues.size;
  }
}
