import type { ChannelKind, MessageKind } from './types.js';

/** Words that start an imperative (command) name: `CreateOrder`, `cancel-order`, `order.ship`. */
const IMPERATIVE = new Set(
  ('add allocate apply approve archive assign authorize authorise block book calculate cancel capture change charge check ' +
    'close complete confirm create deactivate activate decline delete deliver disable dispatch enable end enroll execute ' +
    'export fetch finish fulfil fulfill generate get grant import invite issue join link lock mark merge move notify open ' +
    'pause pay place post process publish purchase put query refund register reject release remove rename renew reorder ' +
    'request reserve reset resume retry return revoke run save schedule send set ship sign start stop submit subscribe ' +
    'suspend sync terminate transfer trigger unlink unlock unregister unsubscribe update upload upsert validate verify void withdraw')
    .split(' '),
);

/** Past participles that do not end in -ed. */
const IRREGULAR_PAST = new Set(
  'built bought brought caught chosen done drawn driven eaten fallen found forgotten frozen given gone grown held hidden kept known laid led left lent lost made met paid put quit read rebuilt rewritten run said seen sent set shown shut sold spent split spun stolen struck taken told thrown undone understood withdrawn won written begun broken'.split(
    ' ',
  ),
);

/** Words that mark a document (data in answer to something). */
const DOCUMENT_SUFFIX = new Set(['reply', 'response', 'result', 'results', 'ack', 'nack', 'snapshot', 'state', 'status']);

const PARTICLES = new Set(['up', 'in', 'out', 'off', 'down', 'over', 'back', 'on']);

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Guess a message's kind from its name: imperative first word = command, past-tense last word = event. */
export function kindFromName(name: string | undefined): { kind: MessageKind; reason?: string } {
  if (!name) return { kind: 'unknown' };
  // Dotted and versioned names (`order.created.v1`): ignore version words.
  const words = splitWords(name).filter((w) => !/^v\d+$/.test(w));
  if (words.length === 0) return { kind: 'unknown' };
  let last = words[words.length - 1];
  // Phrasal verbs: `UserSignedUp`, `CustomerLoggedIn`, `CartCheckedOut`.
  if (PARTICLES.has(last) && words.length > 1) last = words[words.length - 2];
  if (DOCUMENT_SUFFIX.has(last)) return { kind: 'document', reason: `name ends with "${last}"` };
  if (isPastTense(last)) return { kind: 'event', reason: `past-tense name ("${last}")` };
  if (IMPERATIVE.has(words[0]) && words.length > 1) return { kind: 'command', reason: `imperative name ("${words[0]}")` };
  return { kind: 'unknown' };
}

export function isPastTense(word: string): boolean {
  const w = word.toLowerCase();
  if (IRREGULAR_PAST.has(w)) return true;
  return w.length > 3 && w.endsWith('ed') && !['need', 'speed', 'feed', 'seed', 'bed', 'red', 'embed', 'breed'].includes(w);
}

export function explicitMessageKind(value: unknown): MessageKind | undefined {
  return value === 'command' || value === 'event' || value === 'document' ? value : undefined;
}

/**
 * Decide whether a channel is point-to-point or publish-subscribe from what the document says:
 * our `x-specgate-channel` extension first, then protocol bindings, then the servers' protocols.
 */
export function channelKind(
  extension: unknown,
  bindings: Record<string, unknown>,
  protocols: readonly string[],
): { kind: ChannelKind; reason?: string } {
  if (extension === 'point-to-point' || extension === 'publish-subscribe')
    return { kind: extension, reason: 'x-specgate-channel' };
  const b = bindings as Record<string, Record<string, unknown> | undefined>;
  const amqp = b.amqp;
  if (amqp && typeof amqp === 'object') {
    if (amqp.is === 'queue') return { kind: 'point-to-point', reason: 'amqp binding `is: queue`' };
    const type = (amqp.exchange as Record<string, unknown> | undefined)?.type;
    if (type === 'fanout' || type === 'topic' || type === 'headers')
      return { kind: 'publish-subscribe', reason: `amqp ${String(type)} exchange` };
    if (type === 'direct') return { kind: 'point-to-point', reason: 'amqp direct exchange' };
  }
  const dest = (x: unknown): ChannelKind | undefined =>
    typeof x !== 'string' ? undefined : /queue/i.test(x) ? 'point-to-point' : /topic/i.test(x) ? 'publish-subscribe' : undefined;
  for (const proto of ['jms', 'ibmmq', 'solace'] as const) {
    const v = b[proto];
    if (!v || typeof v !== 'object') continue;
    const k =
      dest(v.destinationType) ??
      dest((v.destinations as Record<string, unknown>[] | undefined)?.[0]?.destinationType);
    if (k) return { kind: k, reason: `${proto} binding destination type` };
  }
  if (b.sqs) return { kind: 'point-to-point', reason: 'sqs binding' };
  if (b.sns || b.googlepubsub || b.kafka || b.mqtt || b.redis)
    return { kind: 'publish-subscribe', reason: `${Object.keys(b).find((k) => ['sns', 'googlepubsub', 'kafka', 'mqtt', 'redis'].includes(k))} binding` };
  const p = new Set(protocols.map((x) => x.toLowerCase()));
  if (p.size > 0 && [...p].every((x) => ['kafka', 'kafka-secure', 'mqtt', 'secure-mqtt', 'mqtt5', 'sns', 'googlepubsub', 'redis', 'pulsar'].includes(x)))
    return { kind: 'publish-subscribe', reason: `${[...p].join(', ')} topics` };
  if (p.size > 0 && [...p].every((x) => ['sqs'].includes(x))) return { kind: 'point-to-point', reason: 'sqs queues' };
  return { kind: 'unknown' };
}
