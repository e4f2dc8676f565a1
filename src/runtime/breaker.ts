/**
 * A circuit breaker for one operation. Closed: requests pass and their outcomes are counted over the last
 * `windowSize` requests. When at least `minimumRequests` outcomes are known and the failure ratio reaches
 * `failureRatio`, it opens: requests fail fast for `coolDownMs`. Then it is half-open: one trial request
 * passes (others still fail fast); its success closes the breaker, its failure opens it again.
 */
import { CircuitOpenError } from './errors.js';

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
}

export type CircuitState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private outcomes: boolean[] = [];
  private failures = 0;
  private openedAt = 0;
  private trialRunning = false;
  private state_: CircuitState = 'closed';
  private readonly ratio: number;
  private readonly minimum: number;
  private readonly window: number;
  private readonly coolDown: number;
  private readonly now: () => number;

  constructor(
    readonly operationId: string,
    options: CircuitBreakerOptions = {},
  ) {
    this.ratio = options.failureRatio ?? 0.5;
    this.minimum = options.minimumRequests ?? 10;
    this.window = Math.max(options.windowSize ?? 20, this.minimum);
    this.coolDown = options.coolDownMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.state_ === 'open' && this.now() - this.openedAt >= this.coolDown) return 'half-open';
    return this.state_;
  }

  /** Throws CircuitOpenError when the request must fail fast; otherwise the caller must report the outcome. */
  enter(): void {
    const s = this.state;
    if (s === 'closed') return;
    if (s === 'half-open' && !this.trialRunning) {
      this.trialRunning = true;
      return;
    }
    throw new CircuitOpenError(this.operationId, this.openedAt + this.coolDown);
  }

  success(): void {
    if (this.trialRunning) {
      this.trialRunning = false;
      this.state_ = 'closed';
      this.outcomes = [];
      this.failures = 0;
      return;
    }
    this.record(false);
  }

  failure(): void {
    if (this.trialRunning) {
      this.trialRunning = false;
      this.open();
      return;
    }
    this.record(true);
  }

  private record(failed: boolean): void {
    if (this.state_ !== 'closed') return; // an outcome of a request let through before the breaker opened
    this.outcomes.push(failed);
    if (failed) this.failures++;
    if (this.outcomes.length > this.window && this.outcomes.shift()) this.failures--;
    if (this.outcomes.length >= this.minimum && this.failures / this.outcomes.length >= this.ratio) this.open();
  }

  private open(): void {
    this.state_ = 'open';
    this.openedAt = this.now();
    this.outcomes = [];
    this.failures = 0;
  }
}
