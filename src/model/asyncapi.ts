import type { NodeLocation, Workspace } from '../load/workspace.js';
import { child, collectComponents, readInfo, readSecuritySchemes, derefObj, entries, extensions, isObj, locKey, schemaNode, str, tagNames, type Obj } from './common.js';
import { channelKind, explicitMessageKind, kindFromName } from './kinds.js';
import type {
  Action,
  ApiModel,
  Channel,
  Message,
  Operation,
  Parameter,
  Reply,
  SchemaNode,
  SecurityRequirement,
  Server,
} from './types.js';

/** A field of an object or, failing that, of its traits (the object's own value wins, then later traits). */
interface Traited {
  value: Obj;
  source: NodeLocation;
  traits: { value: Obj; source: NodeLocation }[];
}

function field(t: Traited, key: string): { value: unknown; source: NodeLocation } | undefined {
  if (t.value[key] !== undefined) return { value: t.value[key], source: child(t.source, key) };
  for (let i = t.traits.length - 1; i >= 0; i--)
    if (t.traits[i].value[key] !== undefined) return { value: t.traits[i].value[key], source: child(t.traits[i].source, key) };
  return undefined;
}

function withTraits(ws: Workspace, value: Obj, source: NodeLocation): Traited {
  const traits: Traited['traits'] = [];
  if (Array.isArray(value.traits))
    value.traits.forEach((t, i) => {
      // AsyncAPI 2.x allowed `[trait, bindingsOverride]` pairs; take the trait.
      const item = Array.isArray(t) ? t[0] : t;
      const d = derefObj(ws, item, child(source, 'traits', i));
      if (d) traits.push(d);
    });
  return { value, source, traits };
}

function defaultSchemaFormat(specVersion: string): string {
  return `application/vnd.aai.asyncapi+json;version=${specVersion}`;
}

export function buildAsyncApi(ws: Workspace, file: string, doc: Obj): ApiModel {
  const specVersion = String(doc.asyncapi);
  const major = Number(specVersion.split('.')[0]);
  const root: NodeLocation = { file, pointer: '' };
  const messagesByLoc = new Map<string, Message>();
  const defaultContentType = str(doc.defaultContentType);

  const securitySchemes = readSecuritySchemes(ws, doc, root);

  const security = (list: unknown, loc: NodeLocation): SecurityRequirement[] => {
    const out: SecurityRequirement[] = [];
    if (!Array.isArray(list)) return out;
    list.forEach((item, i) => {
      const itemLoc = child(loc, i);
      if (major >= 3) {
        // 3.x: a Security Scheme Object or a $ref to one.
        const ref = isObj(item) && typeof item.$ref === 'string' ? item.$ref : undefined;
        const name = ref ? ref.split('/').pop()! : str((item as Obj)?.name) ?? `#${i}`;
        const scopes = isObj(item) && Array.isArray(item.scopes) ? item.scopes.map(String) : [];
        out.push({ scheme: name, scopes, source: itemLoc });
      } else if (isObj(item)) {
        for (const [scheme, scopes] of Object.entries(item))
          out.push({ scheme, scopes: Array.isArray(scopes) ? scopes.map(String) : [], source: child(itemLoc, scheme) });
      }
    });
    return out;
  };

  const servers: Server[] = [];
  for (const [id, s, source] of entries(ws, doc.servers, child(root, 'servers'))) {
    const url = major >= 3 ? `${str(s.host) ?? ''}${str(s.pathname) ?? ''}` : str(s.url) ?? '';
    const variables: Server['variables'] = [];
    for (const [name, v] of entries(ws, s.variables, child(source, 'variables')))
      variables.push({ name, default: str(v.default), enum: Array.isArray(v.enum) ? v.enum.map(String) : undefined, description: str(v.description) });
    servers.push({
      id,
      url,
      protocol: String(s.protocol ?? ''),
      protocolVersion: str(s.protocolVersion),
      variables,
      security: security(s.security, child(source, 'security')),
      bindings: isObj(s.bindings) ? s.bindings : {},
      description: str(s.description),
      source,
    });
  }
  const protocols = (ids: string[]) => servers.filter((s) => ids.length === 0 || ids.includes(s.id)).map((s) => s.protocol);

  const buildMessage = (value: Obj, source: NodeLocation, fallbackId: string): Message => {
    const key = locKey(source);
    const known = messagesByLoc.get(key);
    if (known) return known;
    const t = withTraits(ws, value, source);
    const schemaFormat = str(field(t, 'schemaFormat')?.value) ?? defaultSchemaFormat(specVersion);
    let payload = field(t, 'payload');
    let format = schemaFormat;
    // 3.x Multi Format Schema Object: { schemaFormat, schema }.
    if (major >= 3 && payload && isObj(payload.value)) {
      const d = derefObj(ws, payload.value, payload.source);
      if (d && typeof d.value.schemaFormat === 'string' && 'schema' in d.value) {
        format = d.value.schemaFormat;
        payload = { value: d.value.schema, source: child(d.source, 'schema') };
      }
    }
    const headers = field(t, 'headers');
    let headersNode = headers && schemaNode(headers.value, headers.source, defaultSchemaFormat(specVersion));
    if (major >= 3 && headers && isObj(headers.value)) {
      const d = derefObj(ws, headers.value, headers.source);
      if (d && typeof d.value.schemaFormat === 'string' && 'schema' in d.value)
        headersNode = schemaNode(d.value.schema, child(d.source, 'schema'), d.value.schemaFormat);
    }
    // Bindings may be a `$ref` (to components.messageBindings, or another file), as channel bindings are.
    const bindingsField = field(t, 'bindings');
    const bindingsAt = bindingsField && isObj(bindingsField.value) ? derefObj(ws, bindingsField.value, bindingsField.source) : undefined;
    const bindings = bindingsAt?.value ?? {};
    const keyNode = bindingsAt ? kafkaKey(ws, bindingsAt.value, bindingsAt.source, format, defaultSchemaFormat(specVersion)) : undefined;
    const corr = field(t, 'correlationId');
    const corrObj = corr && derefObj(ws, corr.value, corr.source);
    const name = str(field(t, 'name')?.value);
    const id = str(value.messageId) ?? componentName(source, 'messages') ?? fallbackId;
    const kindExt = field(t, 'x-specgate-kind');
    const explicit = explicitMessageKind(kindExt?.value);
    const guessed = explicit ? undefined : kindFromName(name ?? id);
    const examples: Message['examples'] = [];
    const ex = field(t, 'examples');
    if (ex && Array.isArray(ex.value)) ex.value.forEach((_, i) => examples.push({ source: child(ex.source, i) }));
    const message: Message = {
      id,
      name,
      title: str(field(t, 'title')?.value),
      summary: str(field(t, 'summary')?.value),
      description: str(field(t, 'description')?.value),
      contentType: str(field(t, 'contentType')?.value) ?? defaultContentType,
      payload: payload && schemaNode(payload.value, payload.source, format),
      headers: headersNode,
      key: keyNode,
      correlationId:
        corrObj && typeof corrObj.value.location === 'string'
          ? { location: corrObj.value.location, description: str(corrObj.value.description), source: corrObj.source }
          : undefined,
      kind: explicit ?? guessed!.kind,
      kindReason: explicit ? 'x-specgate-kind' : guessed!.reason,
      bindings,
      examples,
      tags: tagNames(field(t, 'tags')?.value),
      deprecated: field(t, 'deprecated')?.value === true,
      extensions: { ...extensions(value) },
      source,
    };
    messagesByLoc.set(key, message);
    return message;
  };

  /** A 2.x `message` field: a Message, a `$ref`, or `{ oneOf: [...] }`. */
  const messagesOf2x = (value: unknown, loc: NodeLocation, fallback: string): Message[] => {
    const d = derefObj(ws, value, loc);
    if (!d) return [];
    if (Array.isArray(d.value.oneOf)) {
      const out: Message[] = [];
      d.value.oneOf.forEach((m, i) => {
        const md = derefObj(ws, m, child(d.source, 'oneOf', i));
        if (md) out.push(buildMessage(md.value, md.source, `${fallback}.${i}`));
      });
      return out;
    }
    return [buildMessage(d.value, d.source, fallback)];
  };

  const channels: Channel[] = [];
  const channelByLoc = new Map<string, Channel>();
  const operations: Operation[] = [];

  const buildParameters = (params: unknown, loc: NodeLocation): Parameter[] => {
    const out: Parameter[] = [];
    for (const [name, p, source] of entries(ws, params, loc)) {
      const schema =
        major >= 3
          ? schemaNode({ type: 'string', ...pick(p, ['enum', 'default', 'description', 'examples']) }, source, defaultSchemaFormat(specVersion))
          : p.schema !== undefined
            ? schemaNode(p.schema, child(source, 'schema'), defaultSchemaFormat(specVersion))
            : undefined;
      out.push({ name, in: 'channel', required: true, schema, description: str(p.description), location: str(p.location), source });
    }
    return out;
  };

  const buildChannel = (id: string, c: Obj, source: NodeLocation, address: string | null): Channel => {
    const serverIds = Array.isArray(c.servers)
      ? c.servers.map((s) => (isObj(s) && typeof s.$ref === 'string' ? s.$ref.split('/').pop()! : String(s)))
      : [];
    const bindings = isObj(c.bindings) ? ((ws.deref(c.bindings, child(source, 'bindings'))?.value as Obj) ?? {}) : {};
    const kind = channelKind(c['x-specgate-channel'], bindings, protocols(serverIds));
    const pk = c['x-specgate-partition-key'];
    const channel: Channel = {
      id,
      address,
      title: str(c.title),
      summary: str(c.summary),
      description: str(c.description),
      kind: kind.kind,
      kindReason: kind.reason,
      parameters: buildParameters(c.parameters, child(source, 'parameters')),
      messages: [],
      servers: serverIds,
      bindings,
      partitionKey: typeof pk === 'string' ? { expression: pk, from: 'x-specgate-partition-key', source: child(source, 'x-specgate-partition-key') } : undefined,
      extensions: extensions(c),
      source,
    };
    channelByLoc.set(locKey(source), channel);
    channels.push(channel);
    return channel;
  };

  const opCommon = (t: Traited) => ({
    title: str(field(t, 'title')?.value),
    summary: str(field(t, 'summary')?.value),
    description: str(field(t, 'description')?.value),
    tags: tagNames(field(t, 'tags')?.value),
    bindings: (() => {
      const b = field(t, 'bindings');
      return (b && isObj(b.value) ? derefObj(ws, b.value, b.source)?.value : undefined) ?? {};
    })(),
    deprecated: field(t, 'deprecated')?.value === true,
    security: (() => {
      const s = field(t, 'security');
      return s ? security(s.value, s.source) : [];
    })(),
    extensions: extensions(t.value),
  });

  if (major >= 3) {
    for (const [id, c, source] of entries(ws, doc.channels, child(root, 'channels'))) {
      const address = c.address === null ? null : str(c.address) ?? id;
      const channel = buildChannel(id, c, source, c.address === undefined ? id : address);
      for (const [key, m, msource] of entries(ws, c.messages, child(source, 'messages'))) channel.messages.push(buildMessage(m, msource, key));
    }
    const channelFromRef = (value: unknown, loc: NodeLocation): Channel | undefined => {
      const d = derefObj(ws, value, loc);
      if (!d) return undefined;
      const known = channelByLoc.get(locKey(d.source));
      if (known) return known;
      // An inline channel (or one in another file that no `channels` entry names).
      const id = componentName(d.source, 'channels') ?? d.source.pointer.split('/').pop() ?? 'channel';
      const ch = buildChannel(id, d.value, d.source, d.value.address === null ? null : str(d.value.address) ?? null);
      for (const [key, m, msource] of entries(ws, d.value.messages, child(d.source, 'messages'))) ch.messages.push(buildMessage(m, msource, key));
      return ch;
    };
    const messageRefs = (list: unknown, loc: NodeLocation, fallback: Message[]): Message[] => {
      if (!Array.isArray(list)) return fallback;
      const out: Message[] = [];
      list.forEach((m, i) => {
        const d = derefObj(ws, m, child(loc, i));
        if (d) out.push(buildMessage(d.value, d.source, `${loc.pointer}/${i}`));
      });
      return out;
    };
    for (const [id, o, source] of entries(ws, doc.operations, child(root, 'operations'))) {
      const t = withTraits(ws, o, source);
      const channel = channelFromRef(o.channel, child(source, 'channel'));
      if (!channel) continue; // reported by the ref check
      const action: Action = o.action === 'send' ? 'send' : 'receive';
      let reply: Reply | undefined;
      const r = field(t, 'reply');
      const rd = r && derefObj(ws, r.value, r.source);
      if (rd) {
        const rch = rd.value.channel !== undefined ? channelFromRef(rd.value.channel, child(rd.source, 'channel')) : undefined;
        const addr = derefObj(ws, rd.value.address, child(rd.source, 'address'));
        reply = {
          channel: rch,
          addressLocation: addr ? str(addr.value.location) : undefined,
          messages: messageRefs(rd.value.messages, child(rd.source, 'messages'), rch?.messages ?? []),
          source: rd.source,
        };
      }
      operations.push({
        id,
        operationId: id,
        action,
        channel,
        messages: messageRefs(o.messages, child(source, 'messages'), channel.messages),
        reply,
        ...opCommon(t),
        source,
      });
    }
  } else {
    for (const [address, c, source] of entries(ws, doc.channels, child(root, 'channels'))) {
      const channel = buildChannel(address, c, source, address);
      for (const verb of ['publish', 'subscribe'] as const) {
        const od = derefObj(ws, c[verb], child(source, verb));
        if (!od) continue;
        const t = withTraits(ws, od.value, od.source);
        const operationId = str(field(t, 'operationId')?.value);
        const messages = od.value.message !== undefined ? messagesOf2x(od.value.message, child(od.source, 'message'), `${address}/${verb}`) : [];
        for (const m of messages) if (!channel.messages.includes(m)) channel.messages.push(m);
        operations.push({
          id: operationId ?? `${verb} ${address}`,
          operationId,
          action: verb === 'publish' ? 'receive' : 'send',
          channel,
          messages,
          ...opCommon(t),
          source: od.source,
        });
      }
    }
  }

  const messages = [...messagesByLoc.values()];
  // Messages declared under components that nothing reaches, built the same way (traits, formats), so that
  // checks of a message itself (its examples) see them too.
  const unusedMessages: Message[] = [];
  for (const [key, m, source] of entries(ws, (doc.components as Obj | undefined)?.messages, child(root, 'components', 'messages')))
    if (!messagesByLoc.has(locKey(source))) unusedMessages.push(buildMessage(m, source, key));

  return {
    format: 'asyncapi',
    specVersion,
    info: readInfo(doc, root),
    file,
    defaultContentType,
    servers,
    channels,
    operations,
    messages,
    unusedMessages,
    securitySchemes,
    components: collectComponents(ws, doc, root),
    extensions: extensions(doc),
    workspace: ws,
    document: doc,
  };
}

function pick(o: Obj, keys: string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** `Foo` for a node at `/components/<section>/Foo`. */
function componentName(loc: NodeLocation, section: string): string | undefined {
  const m = new RegExp(`^/components/${section}/([^/]+)$`).exec(loc.pointer);
  return m ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

const AVRO_KEY_FORMAT = 'application/vnd.apache.avro;version=1.9.0';
// Types only JSON Schema has, and keywords only it uses: a key with one is JSON Schema even beside Avro.
const JSON_ONLY_TYPES = new Set(['object', 'integer', 'number']);

/**
 * `bindings.kafka.key` (Kafka bindings 0.4/0.5: "Schema Object | AVRO Schema Object"). It is Avro when it
 * says so (`{schemaFormat, schema}`), `$ref`s an `.avsc` file, or is an Avro schema beside an Avro payload;
 * else JSON Schema of the document's default format.
 */
function kafkaKey(ws: Workspace, bindings: Obj, at: NodeLocation, payloadFormat: string, jsonFormat: string): SchemaNode | undefined {
  const kafkaLoc = child(at, 'kafka');
  const kafka = derefObj(ws, bindings.kafka, kafkaLoc);
  if (!kafka || !('key' in kafka.value)) return undefined;
  const value = kafka.value.key;
  const source = child(kafka.source, 'key');
  if (isObj(value) && typeof value.schemaFormat === 'string' && 'schema' in value)
    return schemaNode(value.schema, child(source, 'schema'), value.schemaFormat);
  const ref = isObj(value) && typeof value.$ref === 'string' ? value.$ref : undefined;
  if (ref && /\.avsc(#|$)/i.test(ref)) return schemaNode(value, source, AVRO_KEY_FORMAT);
  if (/avro/i.test(payloadFormat) && looksAvro(ref ? ws.deref(value, source)?.value : value)) return schemaNode(value, source, payloadFormat);
  return schemaNode(value, source, jsonFormat);
}

function looksAvro(v: unknown): boolean {
  if (typeof v === 'string' || Array.isArray(v)) return true; // `string`, `['null', string]`
  if (!isObj(v)) return false;
  if ('properties' in v || '$schema' in v || 'required' in v) return false;
  return typeof v.type === 'string' && !JSON_ONLY_TYPES.has(v.type);
}
