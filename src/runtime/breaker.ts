/**
 * A circuit breaker for one operation. Closed: requests pass and their outcomes are counted over the last
 * `windowSize` requests. When at least `minimumRequests` outcomes are known and the failure ratio reaches
 * `failureRatio`, it opens: requests fail fast for `coolDownMs`. Then it is half-open: one trial request
 * passes (others still fail fast); the trial's own success closes the breaker, its failure opens it again.
 *
 * Each request that may pass gets a permit from `enter()` and reports its outcome on that permit, so an
 * outcome is always tied to the request and the state it was let through in: a request let through before
 * the breaker opened cannot end the trial, and a permit reports once. Hand-written rather than cockatiel
 * or opossum: cockatiel makes callers wait for the trial instead of failing fast and reads `Date.now`
 * directly; opossum counts over time buckets kept by interval timers and owns the call's timeout, which
 * the client already does. This is the small count-based machine the options describe, with an
 * injectable clock and no timers.
 */
import { CircuitOpenError } from './errors.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitStateChange {
  operationId: string;
  from: CircuitState;
  to: CircuitState;
}

export interface CircuitBreakerOptions {
  /** Failure ratio (0..1] that opens the breaker. Default 0.5. */
  failureRatio?: number;
  /** Outcomes needed before the ratio counts. Default 10. */
  minimumRequests?: number;
  /** How many recent outcomes are kept. Default 20. */
  windowSize?: number;
  /** How long it stays open before a trial request. Default 10 000 ms. */
  coolDownMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
  /**
   * Called on every state change. Open → half-open is noticed (and reported) by the first request or
   * `state` read after the cool-down: the breaker keeps no timer.
   */
  onStateChange?: (change: CircuitStateChange) => void;
}

/** What `enter()` gives a request that may pass: report its outcome once (later calls are ignored). */
export interface CircuitPermit {
  success(): void;
  failure(): void;
  /** The outcome is unknown (the client was closed): it counts for nothing, and a trial frees its place. */
  release(): void;
}

export class CircuitBreaker {
  private outcomes: boolean[] = [];
  private failures = 0;
  private openedAt = 0;
  private state_: CircuitState = 'closed';
  /** Raised on every state change: a permit from an earlier period no longer counts. */
  private period = 0;
  /** The permit of the half-open trial in flight. */
  private trial?: CircuitPermit;
  private readonly ratio: number;
  private readonly minimum: number;
  private readonly window: number;
  private readonly coolDown: number;
  private readonly now: () => number;

  constructor(
    readonly operationId: string,
    private readonly options: CircuitBreakerOptions = {},
  ) {
    this.ratio = options.failureRatio ?? 0.5;
    this.minimum = options.minimumRequests ?? 10;
    this.window = Math.max(options.windowSize ?? 20, this.minimum);
    this.coolDown = options.coolDownMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.state_ === 'open' && this.now() - this.openedAt >= this.coolDown) this.move('half-open');
    return this.state_;
  }

  /** A permit for a request that may pass; throws CircuitOpenError when it must fail fast. */
  enter(): CircuitPermit {
    const state = this.state;
    if (state === 'closed') return this.permit('closed');
    if (state === 'half-open' && !this.trial) return (this.trial = this.permit('half-open'));
    throw new CircuitOpenError(this.operationId, this.openedAt + this.coolDown);
  }

  private permit(kind: 'closed' | 'half-open'): CircuitPermit {
    const period = this.period;
    let reported = false;
    const report = (outcome: 'success' | 'failure' | 'release') => {
      if (reported) return;
      reported = true;
      if (period !== this.period) return; // let through before the state changed: it says nothing now
      if (kind === 'closed') {
        if (outcome !== 'release') this.record(outcome === 'failure');
      } else if (outcome === 'release') this.trial = undefined;
      else if (outcome === 'success') this.move('closed');
      else this.move('open');
    };
    return { success: () => report('success'), failure: () => report('failure'), release: () => report('release') };
  }

  private record(failed: boolean): void {
    this.outcomes.push(failed);
    if (failed) this.failures++;
    if (this.outcomes.length > this.window && this.outcomes.shift()) this.failures--;
    if (this.outcomes.length >= this.minimum && this.failures / this.outcomes.length >= this.ratio) this.move('open');
  }

  private move(to: CircuitState): void {
    const from = this.state_;
    this.state_ = to;
    this.period++;
    this.trial = undefined;
    this.outcomes = [];
    this.failures = 0;
    if (to === 'open') this.openedAt = this.now();
    this.options.onStateChange?.({ operationId: this.operationId, from, to });
  }
}
