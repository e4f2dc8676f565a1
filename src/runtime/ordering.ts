/**
 * Per-key ordering: tasks with one key run one after another, in the order they were given; tasks with
 * different keys (or no key) run concurrently.
 *
 * A key is present while one of its tasks runs, with the tasks waiting behind it in order; the first task
 * of an idle key starts at once. No promise chain per key: per message this costs one map entry.
 */
import type { IncomingMessage, MessageHandler } from './port.js';

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

/**
 * Per-key send order: a task of a key starts only once the previous task of that key has resolved (a
 * publish the broker acknowledged), so a retrying publish is never overtaken by a later one of its key.
 * When a task rejects, the tasks of its key already waiting behind it reject too, with `blocked(cause)`,
 * without running: sending them would put later messages of the key on the wire without the earlier one.
 * A task given after that starts the key afresh.
 */
export class KeyedSequence {
  /** key → resumptions of the tasks waiting for the running one; called with the failure, if any. */
  private readonly queues = new Map<string, ((failed: { cause: unknown } | undefined) => void)[]>();

  async run<T>(key: string | undefined, task: () => Promise<T>, blocked: (cause: unknown) => Error): Promise<T> {
    if (key === undefined) return task();
    const waiting = this.queues.get(key);
    if (waiting) {
      const failed = await new Promise<{ cause: unknown } | undefined>((resolve) => waiting.push(resolve));
      if (failed) throw blocked(failed.cause);
    } else this.queues.set(key, []);
    let result: T;
    try {
      result = await task();
    } catch (e) {
      // Removed before anyone sees the failure: a send made in reaction to it starts a new sequence.
      const behind = this.queues.get(key)!;
      this.queues.delete(key);
      for (const resume of behind) resume({ cause: e });
      throw e;
    }
    const next = this.queues.get(key)!.shift();
    if (next) next(undefined);
    else this.queues.delete(key);
    return result;
  }

  /** Keys with a task queued or running. */
  get size(): number {
    return this.queues.size;
  }
}

/**
 * A subscription's keyed messages handed to `handler` one after another per key, a rejected one retried
 * in place (attempt + 1, after `delayMs`) before the next of its key, until it is handled or has had
 * `maxAttempts`. A broker's own redelivery would put the retry behind later messages of the key. Messages
 * without a key get one attempt here and are retried by the transport as before.
 */
export class OrderedDelivery {
  private readonly serializer = new KeyedSerializer();

  constructor(
    private readonly handler: MessageHandler,
    private readonly maxAttempts: number,
    private readonly delayMs = 0,
  ) {}

  /** Rejects with the last attempt's error; `message.attempt` is then the last attempt made. */
  deliver(message: IncomingMessage): Promise<void> {
    if (message.key === undefined) return this.handler(message);
    return this.serializer.run(message.key, () => this.retry(message));
  }

  private async retry(message: IncomingMessage): Promise<void> {
    for (;;) {
      try {
        return await this.handler(message);
      } catch (e) {
        if (message.attempt >= this.maxAttempts) throw e;
      }
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      message.attempt++;
    }
  }
}
