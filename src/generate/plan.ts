/**
 * The generation plan: the API model seen from one side (`service` or `client`), reduced to what the
 * templates print. Format-neutral: it reads only the API model, so OpenAPI can feed it later.
 */
import type { NodeLocation } from '../load/workspace.js';
import type { ApiModel, Channel, Message, Operation, SchemaNode } from '../model/types.js';
import { parseRuntimeExpression } from '../model/expression.js';
import { docComment, stringLiteral } from './escape.js';
import { camelCase, NameRegistry, pascalCase } from './naming.js';
import { TypeEmitter } from './ts-types.js';
import { codedPayload } from './coded-payloads.js';
import { SchemaBundle } from './validators.js';

export type Role = 'service' | 'client';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface MessagePlan {
  /** Name in the spec, given to handlers as `message`. */
  name: string;
  contentType: string;
  payloadType: string;
  headersType: string;
  payloadValidator?: string;
  /** Avro or Protobuf payloads: the expression building their runtime codec. */
  payloadCodec?: string;
  headersValidator?: string;
  correlationId?: string;
  /** Header names declared required by the spec. */
  requiredHeaders: string[];
}

export interface OperationPlan {
  id: string;
  /** Client method name. */
  member: string;
  /** Handler name (`handle<Id>`). */
  handler: string;
  doc: string;
  address: string;
  parameters: { name: string; location?: string; type: string }[];
  mode: 'point-to-point' | 'publish-subscribe';
  messages: MessagePlan[];
  partitionKey?: string;
  reply?: { address?: string; addressLocation?: string; messages: MessagePlan[] };
}

export interface Plan {
  name: string;
  title: string;
  version: string;
  role: Role;
  /** Operations this side sends (client methods). */
  sends: OperationPlan[];
  /** Operations this side handles. */
  handles: OperationPlan[];
  /** Every operation of the plan, by id (operations.ts). */
  operations: OperationPlan[];
  types: string;
  payloadBundle: SchemaBundle;
  headersBundle: SchemaBundle;
  /** Payloads generated as `unknown` for a reason worth telling (a schema its parser refuses). */
  warnings: string[];
}

const JSON_SCHEMA_FORMATS = /^application\/(schema\+(json|yaml)|vnd\.aai\.asyncapi(\+(json|yaml))?|vnd\.oai\.openapi(\+(json|yaml))?)(;|$)/;

/**
 * Names kept free of types: what the generated index exports besides the types, and the runtime names
 * client.ts and handlers.ts import next to the types they use (a schema named `HandlerContext` would
 * clash).
 */
function exportedNames(name: string): string[] {
  return [
    ...[`create${name}Client`, `${name}Client`, `${name}ClientOptions`, `register${name}Handlers`, `${name}Handlers`, `${name}HandlerOptions`, 'operations'],
    ...['ClientCore', 'ClientOptions', 'Fallback', 'HeadersInput', 'ReplyMessage', 'RequestOptions', 'SendOptions', 'SentMessage'],
    ...['HandlerContext', 'HandlerOptions', 'HandlersHandle', 'OperationSpec', 'CompiledValidator'],
  ];
}

export function buildPlan(model: ApiModel, role: Role): Plan {
  const name = pascalCase(model.info.title, 'Api');
  const typeNames = new NameRegistry(exportedNames(name));
  const emitter = new TypeEmitter(model.workspace, typeNames);
  const payloadBundle = new SchemaBundle(model.workspace);
  const headersBundle = new SchemaBundle(model.workspace);
  const validatorNames = new NameRegistry();
  const messagePlans = new Map<string, MessagePlan>();
  const defaultContentType = model.defaultContentType ?? 'application/json';

  const isJsonSchema = (s: SchemaNode) => JSON_SCHEMA_FORMATS.test(s.format);
  const coded = codedPayload(model.workspace, typeNames);
  const warnings: string[] = [];

  // One validator per schema (messages sharing a headers or payload schema share its validator), named
  // after the schema's type: `validateCommandHeaders`, `validateCreateOrderPayload`.
  const validators = new Map<SchemaBundle, Map<string, string | undefined>>();
  const validatorFor = (bundle: SchemaBundle, typeName: string, schema: SchemaNode): string | undefined => {
    let byType = validators.get(bundle);
    if (!byType) validators.set(bundle, (byType = new Map()));
    if (byType.has(typeName)) return byType.get(typeName);
    const v = typeName !== 'unknown' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(typeName) ? validatorNames.take(`validate${typeName}`) : undefined;
    if (v) bundle.add(v, schema.value, schema.source);
    byType.set(typeName, v);
    return v;
  };

  const planMessage = (m: Message): MessagePlan => {
    const key = `${m.source.file}#${m.source.pointer}`;
    const known = messagePlans.get(key);
    if (known) return known;
    const base = pascalCase(m.name ?? m.title ?? m.id, 'Message');
    const plan: MessagePlan = {
      name: m.name ?? m.id,
      contentType: m.contentType ?? defaultContentType,
      payloadType: 'unknown',
      headersType: 'Record<string, string>',
      requiredHeaders: [],
    };
    if (m.correlationId && parseRuntimeExpression(m.correlationId.location)) plan.correlationId = m.correlationId.location;
    if (m.payload && isJsonSchema(m.payload)) {
      plan.payloadType = emitter.named(m.payload.value, m.payload.source, m.payload.name ?? base);
      plan.payloadValidator = validatorFor(payloadBundle, plan.payloadType, m.payload);
    } else if (m.payload) {
      const c = coded.payload(m.payload);
      if (c && 'problem' in c) warnings.push(`${plan.name}: payload typed unknown and sent as JSON (${c.problem})`);
      else if (c) {
        plan.payloadType = c.type;
        plan.payloadCodec = c.codec;
        // The spec's default content type is most often JSON, which these bytes are not.
        if (!m.contentType) plan.contentType = c.contentType;
      }
    }
    if (m.headers && isJsonSchema(m.headers)) {
      plan.headersType = emitter.named(m.headers.value, m.headers.source, m.headers.name ?? `${base}Headers`);
      plan.headersValidator = validatorFor(headersBundle, plan.headersType, m.headers);
      const d = model.workspace.deref<Obj>(m.headers.value, m.headers.source);
      if (d && isObj(d.value) && Array.isArray(d.value.required)) plan.requiredHeaders = d.value.required.filter((r): r is string => typeof r === 'string');
    }
    messagePlans.set(key, plan);
    return plan;
  };

  const unknownMessage = (contentType: string): MessagePlan => ({ name: 'message', contentType, payloadType: 'unknown', headersType: 'Record<string, string>', requiredHeaders: [] });

  const members = new NameRegistry(['close']);
  const handlers = new NameRegistry();
  const sorted = [...model.operations].filter((o) => !o.http).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const operations: OperationPlan[] = [];
  const sends: OperationPlan[] = [];
  const handles: OperationPlan[] = [];
  for (const op of sorted) {
    const messages = (op.messages.length ? op.messages : op.channel.messages).map(planMessage);
    const replyMessages = op.reply ? (op.reply.messages.length ? op.reply.messages : (op.reply.channel?.messages ?? [])).map(planMessage) : [];
    const plan: OperationPlan = {
      id: op.id,
      member: members.take(camelCase(op.operationId ?? op.id)),
      handler: handlers.take(`handle${pascalCase(op.operationId ?? op.id)}`),
      doc: operationDoc(op),
      address: op.channel.address ?? op.channel.id,
      parameters: op.channel.parameters.map((p) => ({ name: p.name, ...(p.location ? { location: p.location } : {}), type: parameterType(p.schema?.value) })),
      mode: channelMode(op.channel, op),
      messages: messages.length ? messages : [unknownMessage(defaultContentType)],
      ...(op.channel.partitionKey && parseRuntimeExpression(op.channel.partitionKey.expression) ? { partitionKey: op.channel.partitionKey.expression } : {}),
    };
    if (op.reply) {
      const address = op.reply.channel?.address ?? undefined;
      plan.reply = {
        ...(address && !op.reply.addressLocation ? { address } : {}),
        ...(op.reply.addressLocation && parseRuntimeExpression(op.reply.addressLocation) ? { addressLocation: op.reply.addressLocation } : {}),
        messages: replyMessages.length ? replyMessages : [unknownMessage(defaultContentType)],
      };
    }
    operations.push(plan);
    const sendsIt = role === 'service' ? op.action === 'send' : op.action === 'receive';
    (sendsIt ? sends : handles).push(plan);
  }
  return {
    name,
    title: model.info.title,
    version: model.info.version,
    role,
    sends,
    handles,
    operations,
    types: [emitter.render(), coded.render()].filter(Boolean).join('\n'),
    payloadBundle,
    headersBundle,
    warnings,
  };
}

function operationDoc(op: Operation): string {
  const parts = [op.summary ?? op.title, op.description].filter((x): x is string => !!x && !!x.trim());
  if (op.deprecated) parts.push('@deprecated');
  return docComment(parts.join('\n\n'), '  ').replace(/\n$/, '');
}

function channelMode(channel: Channel, op: Operation): 'point-to-point' | 'publish-subscribe' {
  if (channel.kind === 'point-to-point') return 'point-to-point';
  if (channel.kind === 'publish-subscribe') return 'publish-subscribe';
  const msgs = op.messages.length ? op.messages : channel.messages;
  return msgs.length > 0 && msgs.every((m) => m.kind === 'command') ? 'point-to-point' : 'publish-subscribe';
}

function parameterType(schema: unknown): string {
  if (isObj(schema) && Array.isArray(schema.enum) && schema.enum.length && schema.enum.every((e) => typeof e === 'string'))
    return schema.enum.map(stringLiteral).join(' | ');
  return 'string';
}

export type { NodeLocation };
