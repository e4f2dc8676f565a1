import { InputError } from './errors.js';
import { decodeText, MAX_FILE_BYTES } from './read.js';

export interface RemoteOptions {
  /** Largest body accepted, after any content decoding. */
  maxBytes?: number;
  /** Time allowed for all remote fetches of one workspace, counted from the first fetch. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** No single host may hold a run for longer than this, even when the run's deadline is further away. */
const PER_FETCH_MS = 15_000;
const MAX_REDIRECTS = 5;
const CONCURRENCY = 8;
const REDIRECT = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches the remote `$ref` files of one workspace. A spec is untrusted input, so each body is capped
 * while it streams, every fetch shares one deadline, and redirects stay on the origin the spec names.
 * Memoised by URL: the loader starts the fetches of a level in parallel and then reads them in order.
 */
export class RemoteFetcher {
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private deadline: number | undefined;
  private readonly started = new Map<string, Promise<string>>();
  private readonly limit = limiter(CONCURRENCY);

  constructor(options: RemoteOptions = {}) {
    this.maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Text of a remote file; an `InputError` naming the URL if it cannot be had within the limits. */
  fetch(url: string): Promise<string> {
    let p = this.started.get(url);
    if (!p) {
      this.deadline ??= Date.now() + this.timeoutMs;
      p = this.limit(() => this.fetchOnce(url));
      // Started ahead of the reader: a failure is handled when the reader awaits it, not as unhandled.
      p.catch(() => {});
      this.started.set(url, p);
    }
    return p;
  }

  private async fetchOnce(url: string): Promise<string> {
    const left = this.deadline! - Date.now();
    const runLimited = left < PER_FETCH_MS;
    const timedOut = new InputError(
      runLimited ? `cannot fetch remote $ref: timed out; all remote $refs together may take ${duration(this.timeoutMs)}` : `cannot fetch remote $ref: timed out after ${duration(PER_FETCH_MS)}`,
      url,
    );
    if (left <= 0) throw timedOut;
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), runLimited ? left : PER_FETCH_MS);
    try {
      const res = await this.follow(url, ctrl.signal);
      const declared = Number(res.headers.get('content-length'));
      if (declared > this.maxBytes) throw this.tooLarge(url);
      return decodeText(await this.readCapped(res, url), url);
    } catch (e) {
      if (ctrl.signal.aborted) throw timedOut;
      if (e instanceof InputError) throw e;
      throw new InputError(`cannot fetch remote $ref: ${reason(e)}`, url);
    } finally {
      clearTimeout(timer);
      // Whatever is left unread (a refused body, a redirect page) is not waited for: close the connection.
      ctrl.abort();
    }
  }

  /** Follow redirects by hand: only on the origin of `url`, at most MAX_REDIRECTS of them. */
  private async follow(url: string, signal: AbortSignal): Promise<Response> {
    const { origin, protocol } = new URL(url);
    let current = url;
    for (let hops = 0; ; hops++) {
      const res = await fetch(current, { signal, redirect: 'manual' });
      if (!REDIRECT.has(res.status)) {
        if (!res.ok) throw new InputError(`HTTP ${res.status} fetching remote $ref`, url);
        return res;
      }
      await res.body?.cancel();
      const location = res.headers.get('location');
      if (!location) throw new InputError(`HTTP ${res.status} fetching remote $ref, with no Location to go to`, url);
      const next = new URL(location, current);
      if (next.origin !== origin) {
        const where = next.protocol === protocol ? next.host : `${next.protocol}//${next.host}`;
        throw new InputError(`remote $ref redirects to another host (${where}); only hosts the spec names are fetched`, url);
      }
      if (hops === MAX_REDIRECTS) throw new InputError(`remote $ref redirects more than ${MAX_REDIRECTS} times`, url);
      current = next.href;
    }
  }

  private async readCapped(res: Response, url: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    if (res.body)
      for await (const chunk of res.body) {
        total += chunk.byteLength;
        if (total > this.maxBytes) throw this.tooLarge(url);
        chunks.push(Buffer.from(chunk));
      }
    return Buffer.concat(chunks, total);
  }

  private tooLarge(url: string): InputError {
    return new InputError(`remote $ref body is larger than ${size(this.maxBytes)}`, url);
  }
}

/**
 * Run tasks at most `n` at a time. Hand-written: it is a few lines, where p-limit would be a new
 * dependency on the start-up path. A finishing task hands its slot straight to the next waiting one.
 */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < n) active++;
    else await new Promise<void>((r) => waiting.push(r));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** undici says `fetch failed` and keeps the useful part (ECONNREFUSED, other side closed) in `cause`. */
function reason(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message} (${cause})` : String(err.message ?? e);
}

function size(bytes: number): string {
  if (bytes % 1048576 === 0) return `${bytes / 1048576} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
