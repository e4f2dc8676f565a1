import type { Message, Operation } from '../model/types.js';
import { channelLabel, normalisePath, operationLabel } from './match.js';

/** Stable identity of an operation for fingerprints: what matching uses, never a line number. */
export function opIdentity(op: Operation): string {
  if (op.http?.webhook !== undefined) return operationLabel(op);
  return op.http ? `${op.http.method.toUpperCase()} ${normalisePath(op.http.path)}` : `${op.action} ${op.id}`;
}

export function messageLabel(m: Message): string {
  return m.name ?? m.title ?? m.id;
}

/** "message `OrderCreated` sent on `orders.events`" */
export function messagePlace(m: Message, op: Operation, reply = false): string {
  const verb = (op.action === 'send') !== reply ? 'sent' : 'received';
  const channel = reply ? (op.reply?.channel ? `\`${channelLabel(op.reply.channel)}\`` : 'the reply address') : `\`${channelLabel(op.channel)}\``;
  return `message \`${messageLabel(m)}\` ${verb}${reply ? ' as a reply' : ''} on ${channel}`;
}

/** "Webhook `orderShipped` (`POST`)" */
export function webhookRef(op: Operation): string {
  return `Webhook \`${op.http!.webhook}\` (\`${op.http!.method.toUpperCase()}\`)`;
}

export function opRef(op: Operation): string {
  return `\`${operationLabel(op)}\``;
}

/** "message `OrderCreated` on `orders.events`" (the verb is in the sentence already). */
export function messageOn(m: Message, op: Operation, reply = false): string {
  const channel = reply ? (op.reply?.channel ? `\`${channelLabel(op.reply.channel)}\`` : 'the reply address') : `\`${channelLabel(op.channel)}\``;
  return `${reply ? 'reply ' : ''}message \`${messageLabel(m)}\` on ${channel}`;
}
