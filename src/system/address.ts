// Whether a sender's channel address and a receiver's can be the same concrete address at run time.
// Addresses are split into segments at `.`, `/` and `:` (Kafka topics, AMQP routing keys, MQTT and NATS
// subjects, URL paths); a `{parameter}` stands for any one segment value. Receivers may also subscribe
// with the broker's own wildcards: `*` and `+` (one segment), `#` and `>` (the rest). Hand-written: this is
// specgate's own notion of a channel match, not a glob (a glob library knows neither parameters nor `>`).

export interface Address {
  /** As written. */
  text: string;
  segments: Segment[];
}

type Segment =
  /** A literal segment. */
  | { t: 'lit'; s: string }
  /** A segment with parameters (`{orderId}`, `order-{id}`): a pattern over one segment's value. */
  | { t: 'param'; re: RegExp; s: string }
  /** `*` / `+`: any one segment. */
  | { t: 'one' }
  /** `#` / `>`: any number of segments (zero or more for `#`, one or more for `>`). */
  | { t: 'rest'; min: number };

const SEPARATOR = /[./:]/;
const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** Parse an address; `wildcards` is whether the protocol's subscriptions take `*`/`+`/`#`/`>`. */
export function parseAddress(text: string, wildcards: boolean): Address {
  const parts = text.replace(/^\/+|\/+$/g, '').split(SEPARATOR);
  const segments: Segment[] = parts.map((p): Segment => {
    if (wildcards && (p === '*' || p === '+')) return { t: 'one' };
    if (wildcards && (p === '#' || p === '>')) return { t: 'rest', min: p === '>' ? 1 : 0 };
    if (!p.includes('{')) return { t: 'lit', s: p };
    const re = new RegExp('^' + p.split(/\{[^}]*\}/).map(escape).join('[^./:]+') + '$');
    return { t: 'param', re, s: p };
  });
  return { text, segments };
}

/** A sample value of a parameter segment (`order-{id}` → `order-x`), to test it against another pattern. */
const sample = (s: string) => s.replace(/\{[^}]*\}/g, 'x');

function segmentsMeet(a: Segment, b: Segment): boolean {
  if (a.t === 'one' || b.t === 'one') return true;
  if (a.t === 'lit' && b.t === 'lit') return a.s === b.s;
  if (a.t === 'lit' && b.t === 'param') return b.re.test(a.s);
  if (a.t === 'param' && b.t === 'lit') return a.re.test(b.s);
  if (a.t === 'param' && b.t === 'param') return a.re.test(sample(b.s)) || b.re.test(sample(a.s));
  return false;
}

/** Whether some concrete address matches both. */
export function addressesMeet(a: Address, b: Address): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (b.segments.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let out: boolean;
    const x = a.segments[i];
    const y = b.segments[j];
    if (x === undefined && y === undefined) out = true;
    else if (x?.t === 'rest') out = restMeets(x, i, j, 'a', go, b.segments.length);
    else if (y?.t === 'rest') out = restMeets(y, j, i, 'b', go, a.segments.length);
    else if (x === undefined || y === undefined) out = false;
    else out = segmentsMeet(x, y) && go(i + 1, j + 1);
    memo.set(key, out);
    return out;
  };
  return go(0, 0);
}

/** A multi-segment wildcard on one side swallows `min` or more segments of the other. */
function restMeets(r: { min: number }, at: number, other: number, side: 'a' | 'b', go: (i: number, j: number) => boolean, otherLength: number): boolean {
  for (let k = other + r.min; k <= otherLength; k++) if (side === 'a' ? go(at + 1, k) : go(k, at + 1)) return true;
  return false;
}

/** Protocols whose subscriptions use broker wildcards in the address. */
export const WILDCARD_PROTOCOLS = new Set(['mqtt', 'mqtt5', 'secure-mqtt', 'nats', 'amqp', 'amqps', 'stomp', 'solace']);
