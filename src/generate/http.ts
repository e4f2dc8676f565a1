/**
 * `specgate generate` for OpenAPI: the HTTP side of the generator. The plan reads the same ApiModel as the
 * AsyncAPI plan (operations with `http` details), types come from the same TypeEmitter and validators
 * from the same Ajv bundles; the output is a typed client over `fetch` (HttpClientCore) and a typed
 * `node:http` router (createRouter), over `specgate/runtime`.
 */
import type { NodeLocation } from '../load/workspace.js';
import { appendPointer } from '../load/pointer.js';
import type { ApiModel, Message, Operation, Parameter } from '../model/types.js';
import { commentText, docComment, propertyKey, stringLiteral as str } from './escape.js';
import { camelCase, NameRegistry, pascalCase } from './naming.js';
import { render } from './render.js';
import { TypeEmitter } from './ts-types.js';
import { compileBundle, SchemaBundle } from './validators.js';

export type HttpRole = 'client' | 'server';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const JSON_MEDIA = /^application\/(?:[\w.+-]*\+)?json(?:\s*;|$)/i;
const FORM_MEDIA = /^application\/x-www-form-urlencoded(?:\s*;|$)/i;
const MULTIPART_MEDIA = /^multipart\/form-data(?:\s*;|$)/i;
/** Runtime types of multipart files: what a client sends, what a handler gets. */
const FILE_TYPES = ['FileContent', 'UploadedFile'];
const LOCATIONS = ['path', 'query', 'header', 'cookie'] as const;
type Location = (typeof LOCATIONS)[number];
/** Input keys and validator suffixes by location (`headers`, as in a fetch call). */
const KEY: Record<Location, string> = { path: 'path', query: 'query', header: 'headers', cookie: 'cookies' };

interface ParamPlan {
  name: string;
  in: Location;
  required: boolean;
  type: string;
  array: boolean;
  explode?: boolean;
}

interface MediaPlan {
  contentType: string;
  type: string;
  validator?: string;
  /** A form body: its validator coerces (values arrive as strings) and lives with the parameter validators. */
  form?: boolean;
  /** Form fields sent comma-separated (`encoding.<name>.explode: false`). */
  commaSeparated?: string[];
  /** A multipart body: its parts, and the body types of each side (files differ: bytes sent, files received). */
  multipart?: MultipartPlan;
  clientType?: string;
  serverType?: string;
}

interface MultipartPlan {
  files: Record<string, 'one' | 'many'>;
  json: Record<string, 'one' | 'many'>;
  deep: string[];
  /** The required properties of the body schema. */
  required: Set<string>;
}

interface ResponsePlan {
  status: string;
  contentType?: string;
  type: string;
  validator?: string;
}

interface HttpOperationPlan {
  id: string;
  member: string;
  doc: string;
  method: string;
  path: string;
  /** The webhook's key, for a webhook. */
  webhook?: string;
  params: ParamPlan[];
  /** Validator names by location, for the locations with parameters. */
  paramValidators: Partial<Record<Location, string>>;
  body?: { required: boolean; media: MediaPlan[] };
  responses: ResponsePlan[];
  /** Type names: client input, server request, client response, handler result. */
  names: { input: string; request: string; response: string; result: string };
}

export interface HttpGenerated {
  files: { path: string; content: string }[];
  warnings: string[];
  name: string;
}

/** Names the generated modules export or import besides the types. */
function reservedNames(name: string): string[] {
  return [
    ...[`create${name}Client`, `${name}Client`, `${name}ClientOptions`, `create${name}Router`, `create${name}Routes`, `${name}Handlers`, 'operations', 'webhooks'],
    ...[`create${name}WebhookSender`, `${name}WebhookSender`, `${name}WebhookSenderOptions`, `create${name}WebhookRouter`, `create${name}WebhookRoutes`, `${name}WebhookHandlers`, `${name}WebhookRouterOptions`, `${name}WebhookPaths`],
    ...FILE_TYPES,
    ...['HttpClientCore', 'HttpClientOptions', 'HttpFallback', 'CallOptions', 'HttpOperationSpec', 'RouterOptions', 'HttpHandler', 'HttpRoutes', 'WebhookSenderOptions', 'IncomingMessage', 'RequestListener', 'CompiledValidator'],
  ];
}

/** `GET /v1/orders/{orderId}` → `getV1OrdersByOrderId`: a name for an operation without operationId. */
export function derivedName(method: string, path: string): string {
  return camelCase(`${method.toLowerCase()} ${path.replace(/\{([^}]*)\}/g, ' by $1 ')}`);
}

/**
 * A webhook without operationId is named by its key (`newPet`), with the method first only when the key
 * has more than one (`postNewPet`, `putNewPet`).
 */
export function webhookName(method: string, key: string, methodsOfKey: number): string {
  return camelCase(methodsOfKey > 1 ? `${method.toLowerCase()} ${key}` : key, 'webhook');
}

export function generateHttp(model: ApiModel, roles: HttpRole[], transport?: 'http'): HttpGenerated {
  const name = pascalCase(model.info.title, 'Api');
  const typeNames = new NameRegistry(reservedNames(name));
  const emitter = new TypeEmitter(model.workspace, typeNames);
  const bodies = new SchemaBundle(model.workspace);
  const params = new SchemaBundle(model.workspace);
  const validatorNames = new NameRegistry();
  const bodyValidators = new Map<string, string | undefined>();

  const bodyValidator = (typeName: string, m: Message): string | undefined => {
    if (!m.payload || !m.contentType || !JSON_MEDIA.test(m.contentType)) return undefined;
    if (bodyValidators.has(typeName)) return bodyValidators.get(typeName);
    const v = typeName !== 'unknown' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(typeName) ? validatorNames.take(`validate${typeName}`) : undefined;
    if (v) bodies.add(v, m.payload.value, m.payload.source);
    bodyValidators.set(typeName, v);
    return v;
  };

  // Form bodies arrive as strings, like parameters: their validators coerce, in the parameter bundle.
  const formValidators = new Map<string, string | undefined>();
  const formValidator = (typeName: string, member: string, m: Message): string | undefined => {
    const key = `${m.payload!.source.file}#${m.payload!.source.pointer}`;
    if (formValidators.has(key)) return formValidators.get(key);
    const v = validatorNames.take(`validate${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(typeName) && typeName !== 'unknown' ? typeName : `${pascalCase(member)}Body`}Form`);
    params.add(v, m.payload!.value, m.payload!.source);
    formValidators.set(key, v);
    return v;
  };

  // Multipart bodies arrive as strings and files: a coercing validator, files replaced by a presence check.
  const multipartValidators = new Map<string, string>();
  const multipartValidator = (typeName: string, member: string, m: Message, mp: MultipartPlan): string => {
    const key = `${m.payload!.source.file}#${m.payload!.source.pointer}`;
    const known = multipartValidators.get(key);
    if (known) return known;
    const v = validatorNames.take(`validate${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(typeName) && typeName !== 'unknown' ? typeName : `${pascalCase(member)}Body`}Multipart`);
    // A file is only required to be there; an array of files keeps its own limits (`maxItems`).
    const replace = Object.fromEntries(Object.entries(mp.files).map(([name, n]) => [name, (s: unknown) => (n === 'one' || !isObj(s) ? true : typeof s.$ref === 'string' ? { type: 'array' } : { ...s, items: true })]));
    params.addReplacing(v, m.payload!.value, m.payload!.source, replace);
    multipartValidators.set(key, v);
    return v;
  };
  let usesFiles = false;

  const byId = (a: Operation, b: Operation) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const sorted = model.operations.filter((o) => o.http && !o.http.webhook).sort(byId);
  // Webhooks (OpenAPI 3.1) are requests the API sends: the server role gets a sender, the client role handlers.
  const hooks = (model.webhooks ?? []).filter((o) => o.http?.webhook !== undefined).sort(byId);
  const typeSet = (base: string) => ({ input: typeNames.take(`${base}Input`), request: typeNames.take(`${base}Request`), response: typeNames.take(`${base}Response`), result: typeNames.take(`${base}Result`) });
  // Operation type names first, so a schema of the same name is the one renamed.
  const members = new NameRegistry(['core']);
  const named = sorted.map((op) => {
    const member = members.take(op.operationId ? camelCase(op.operationId) : derivedName(op.http!.method, op.http!.path));
    return { op, member, names: typeSet(pascalCase(member)) };
  });
  // Webhook functions live on their own objects (sender, handlers), so their names only avoid each
  // other; their types share types.ts, where one named like an operation's gets `Webhook` in its name.
  const hookMembers = new NameRegistry(['core']);
  const methodsOfKey = new Map<string, number>();
  for (const op of hooks) methodsOfKey.set(op.http!.webhook!, (methodsOfKey.get(op.http!.webhook!) ?? 0) + 1);
  const namedHooks = hooks.map((op) => {
    const member = hookMembers.take(op.operationId ? camelCase(op.operationId) : webhookName(op.http!.method, op.http!.webhook!, methodsOfKey.get(op.http!.webhook!)!));
    const base = pascalCase(member);
    return { op, member, names: typeSet(typeNames.has(`${base}Input`) ? `${base}Webhook` : base) };
  });

  const plan = ({ op, member, names }: { op: Operation; member: string; names: HttpOperationPlan['names'] }): HttpOperationPlan => {
    const http = op.http!;
    const ps = http.parameters.filter((p): p is Parameter & { in: Location } => (LOCATIONS as readonly string[]).includes(p.in) && p.name !== '');
    const paramPlans = ps.map((p) => paramPlan(model, emitter, p));
    const paramValidators: Partial<Record<Location, string>> = {};
    for (const where of LOCATIONS) {
      const here = ps.filter((p) => p.in === where && p.schema);
      if (!here.length) continue;
      const v = validatorNames.take(`validate${pascalCase(member)}${pascalCase(KEY[where])}`);
      params.addObject(
        v,
        here.map((p) => ({ name: p.name, value: p.schema!.value, loc: p.schema!.source })),
        here.filter((p) => p.required).map((p) => p.name),
      );
      paramValidators[where] = v;
    }
    const media = http.requestBodies.filter((m) => m.contentType);
    const body = media.length
      ? {
          required: http.requestBodies.some((m) => m.required),
          media: media.map((m) => {
            const type = m.payload ? emitter.named(m.payload.value, m.payload.source, m.payload.name ?? `${pascalCase(member)}Body`) : 'unknown';
            if (m.payload && FORM_MEDIA.test(m.contentType!)) {
              const commas = commaSeparated(model, m);
              return { contentType: m.contentType!, type, validator: formValidator(type, member, m), form: true, ...(commas.length ? { commaSeparated: commas } : {}) };
            }
            const mp = m.payload && MULTIPART_MEDIA.test(m.contentType!) ? multipartPlan(model, m) : undefined;
            if (mp) {
              const files = Object.keys(mp.files);
              if (files.length) usesFiles = true;
              const sideType = (file: string) => {
                if (!files.length) return type;
                const fields = files.map((f) => `${propertyKey(f)}${mp.required.has(f) ? '' : '?'}: ${mp.files[f] === 'many' ? `${file}[]` : file}`);
                return `Omit<${type}, ${files.map(str).join(' | ')}> & { ${fields.join('; ')} }`;
              };
              return { contentType: m.contentType!, type, validator: multipartValidator(type, member, m, mp), multipart: mp, clientType: sideType('FileContent'), serverType: sideType('UploadedFile') };
            }
            return { contentType: m.contentType!, type: JSON_MEDIA.test(m.contentType!) || !m.payload ? type : 'string', validator: bodyValidator(type, m) };
          }),
        }
      : undefined;
    const responses = http.responses
      .filter((m) => m.status)
      .map((m): ResponsePlan => {
        if (!m.contentType) return { status: m.status!, type: 'undefined' };
        const json = JSON_MEDIA.test(m.contentType);
        const type = m.payload ? emitter.named(m.payload.value, m.payload.source, m.payload.name ?? `${pascalCase(member)}Response${pascalCase(m.status!)}`) : 'unknown';
        return { status: m.status!, contentType: m.contentType, type: json ? type : 'string', validator: json ? bodyValidator(type, m) : undefined };
      });
    return { id: op.id, member, doc: operationDoc(op), method: http.method.toUpperCase(), path: http.path, ...(http.webhook !== undefined ? { webhook: http.webhook } : {}), params: paramPlans, paramValidators, body, responses, names };
  };
  const plans = named.map(plan);
  const hookPlans = namedHooks.map(plan);

  const banner = `// DO NOT EDIT: generated by specgate from ${commentText(`${model.info.title} ${model.info.version}`)} (${roles.join(' and ')}).\n// Regenerate with \`specgate generate\`; changes made here are lost.`;
  const warnings: string[] = [];
  const bodyCode = compileBundle(bodies, { coerceTypes: false });
  // Parameters arrive as strings: their validators convert to the schema's types (and wrap a single
  // value in an array where the schema wants one), in place.
  const paramCode = compileBundle(params, { coerceTypes: 'array' });
  for (const s of [...bodyCode.skipped, ...paramCode.skipped]) warnings.push(`${s.name}: schema not validated (${s.reason})`);
  const compiled = new Set([...bodyCode.exports, ...paramCode.exports]);

  const schemaTypes = emitter.render();
  const opTypes = [...plans, ...hookPlans].map(operationTypes).join('\n');
  const files = [
    { path: 'types.ts', content: render('types.ts', { banner, declarations: [usesFiles ? `import type { ${FILE_TYPES.join(', ')} } from 'specgate/runtime';\n` : '', schemaTypes, opTypes].filter(Boolean).join('\n') }) },
    { path: 'validators.ts', content: render('validators.ts', { banner, code: bodyCode.code || 'export {};\n' }) },
    { path: 'parameter-validators.ts', content: render('validators.ts', { banner, code: paramCode.code || 'export {};\n' }) },
    { path: 'operations.ts', content: render('http-operations.ts', operationsView(plans, hookPlans, banner, compiled, model)) },
    { path: 'index.ts', content: render('http-index.ts', { banner, name, client: roles.includes('client'), server: roles.includes('server'), hooks: hookPlans.length > 0 }) },
  ];
  const known = new Set([...`${schemaTypes}\n${opTypes}`.matchAll(/^export (?:interface|type) ([A-Za-z0-9_$]+)/gm)].map((m) => m[1]));
  const opView = (p: HttpOperationPlan) => ({ ...p, idKey: propertyKey(p.id), idLiteral: str(p.id), optional: inputOptional(p) ? '?' : '', webhookPath: p.webhook !== undefined ? commentText(`/${encodeURIComponent(p.webhook)}`) : undefined });
  const view = { banner, name, about: commentText(`${model.info.title} ${model.info.version}`), operations: plans.map(opView) };
  const imports = (keys: (keyof HttpOperationPlan['names'])[], of = plans) => [...new Set(of.flatMap((p) => keys.map((k) => p.names[k])))].filter((n) => known.has(n)).sort().join(', ');
  const hookView = { ...view, operations: hookPlans.map(opView) };
  // The provider (server) sends its webhooks; a subscriber (client) receives them.
  if (hookPlans.length && roles.includes('server')) files.push({ path: 'webhook-sender.ts', content: render('http-webhook-sender.ts', { ...hookView, typeImports: imports(['input', 'response'], hookPlans) }) });
  if (hookPlans.length && roles.includes('client')) files.push({ path: 'webhook-router.ts', content: render('http-webhook-router.ts', { ...hookView, typeImports: imports(['request', 'result'], hookPlans) }) });
  if (roles.includes('client')) files.push({ path: 'client.ts', content: render('http-client.ts', { ...view, typeImports: imports(['input', 'response']) }) });
  if (roles.includes('server')) files.push({ path: 'server.ts', content: render('http-server.ts', { ...view, typeImports: imports(['request', 'result']) }) });
  if (transport) files.push({ path: 'wiring.ts', content: render('wiring/http.ts', { banner, name, client: roles.includes('client'), server: roles.includes('server'), both: roles.length === 2 }) });
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files, warnings, name };
}

/** `{ files: { avatar: 'one' }, json: { meta: 'one' } }`, as the runtime's HttpMultipartSpec. */
function multipartSpec(mp: MultipartPlan): string {
  const record = (r: Record<string, string>) => `{ ${Object.entries(r).map(([k, v]) => `${propertyKey(k)}: ${str(v)}`).join(', ')} }`;
  return `{ files: ${record(mp.files)}${Object.keys(mp.json).length ? `, json: ${record(mp.json)}` : ''}${mp.deep.length ? `, deep: [${mp.deep.map(str).join(', ')}]` : ''} }`;
}

/** An object schema, or a schema whose values are objects: what OpenAPI sends as an `application/json` part by default. */
const isObjectSchema = (s: unknown) => isObj(s) && (s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || (s.type === undefined && isObj(s.properties)));
/** A file: binary string (OpenAPI 3.0 `format: binary`), or content of a media type without an encoding (3.1). */
const isFileSchema = (s: unknown) =>
  isObj(s) && ((s.format === 'binary' && (s.type === 'string' || s.type === undefined)) || (typeof s.contentMediaType === 'string' && s.contentEncoding === undefined && (s.type === 'string' || s.type === undefined)));

/**
 * The parts of a multipart body: the schema's top-level properties that are files or arrays of files,
 * those sent as JSON (an `encoding` with a JSON `contentType`, else objects, as OpenAPI defaults) and
 * those of style `deepObject` (bracketed text parts); an array is one part per element. Undefined when the schema has no properties to go by.
 */
function multipartPlan(model: ApiModel, m: Message): MultipartPlan | undefined {
  const ws = model.workspace;
  const schema = ws.deref<unknown>(m.payload!.value, m.payload!.source);
  if (!schema || !isObj(schema.value) || !isObj(schema.value.properties)) return undefined;
  const props = schema.value.properties;
  const media = ws.get(m.source);
  const encoding = isObj(media) && isObj(media.encoding) ? media.encoding : {};
  const plan: MultipartPlan = { files: {}, json: {}, deep: [], required: new Set(Array.isArray(schema.value.required) ? schema.value.required.filter((r): r is string => typeof r === 'string') : []) };
  const at = (loc: NodeLocation, ...tokens: string[]) => ({ file: loc.file, pointer: appendPointer(loc.pointer, ...tokens) });
  for (const name of Object.keys(props)) {
    const p = ws.deref<unknown>(props[name], at(schema.location, 'properties', name));
    const enc = Object.hasOwn(encoding, name) && isObj(encoding[name]) ? encoding[name] : {};
    const json = (s: unknown) => (typeof enc.contentType === 'string' ? JSON_MEDIA.test(enc.contentType) : isObjectSchema(s));
    const v = p?.value;
    const array = isObj(v) && (v.type === 'array' || (v.type === undefined && v.items !== undefined));
    const items = array && isObj(v.items) ? ws.deref<unknown>(v.items, at(p!.location, 'items'))?.value : undefined;
    if (array ? isFileSchema(items) : isFileSchema(v)) plan.files[name] = array ? 'many' : 'one';
    // OpenAPI 3.1 lets `style` shape multipart fields too; Stripe's uploads take their options so.
    else if (enc.style === 'deepObject' && typeof enc.contentType !== 'string' && (array ? isObjectSchema(items) : isObjectSchema(v))) plan.deep.push(name);
    else if (array ? json(items) : json(v)) plan.json[name] = array ? 'many' : 'one';
  }
  return plan;
}

/**
 * The array fields of a form body whose `encoding` says `explode: false` (style `form`, the default):
 * one comma-separated value instead of repeated names.
 */
function commaSeparated(model: ApiModel, m: Message): string[] {
  const ws = model.workspace;
  const schema = ws.deref<unknown>(m.payload!.value, m.payload!.source);
  const media = ws.get(m.source);
  if (!schema || !isObj(schema.value) || !isObj(schema.value.properties) || !isObj(media) || !isObj(media.encoding)) return [];
  const props = schema.value.properties;
  const encoding = media.encoding;
  return Object.keys(encoding).filter((name) => {
    const enc = encoding[name];
    if (!isObj(enc) || enc.explode !== false || (enc.style !== undefined && enc.style !== 'form') || !Object.hasOwn(props, name)) return false;
    const p = ws.deref<unknown>(props[name], { file: schema.location.file, pointer: appendPointer(schema.location.pointer, 'properties', name) })?.value;
    return isObj(p) && (p.type === 'array' || (Array.isArray(p.type) && p.type.includes('array')));
  });
}

function paramPlan(model: ApiModel, emitter: TypeEmitter, p: Parameter & { in: Location }): ParamPlan {
  const raw = model.workspace.get(p.source);
  const schema = p.schema ? model.workspace.deref<Obj>(p.schema.value, p.schema.source)?.value : undefined;
  const type = p.schema ? emitter.type(p.schema.value, p.schema.source, '    ', 0) : 'string';
  const array = isObj(schema) && (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array')));
  const explode = isObj(raw) && typeof raw.explode === 'boolean' ? raw.explode : undefined;
  return { name: p.name, in: p.in, required: p.required, type, array, ...(explode !== undefined ? { explode } : {}) };
}

function operationDoc(op: Operation): string {
  const parts = [op.summary ?? op.title, op.description].filter((x): x is string => !!x && !!x.trim());
  parts.push(op.http!.webhook !== undefined ? `Webhook \`${op.http!.webhook}\`, \`${op.http!.method.toUpperCase()}\` to the subscriber's URL` : `\`${op.http!.method.toUpperCase()} ${op.http!.path}\``);
  if (op.deprecated) parts.push('@deprecated');
  return docComment(parts.join('\n\n'), '  ').replace(/\n$/, '');
}

const statusType = (s: string) => (/^[1-5]\d\d$/.test(s) ? String(Number(s)) : 'number');
const inputOptional = (p: HttpOperationPlan) => !p.params.some((x) => x.required) && !p.body?.required;

function paramsType(p: HttpOperationPlan, where: Location): string | undefined {
  const here = p.params.filter((x) => x.in === where);
  if (!here.length) return undefined;
  return `{ ${here.map((x) => `${propertyKey(x.name)}${x.required ? '' : '?'}: ${x.type.replace(/\n\s*/g, ' ')}`).join('; ')} }`;
}

/** The four types of an operation: client input and response, server request and handler result. */
function operationTypes(p: HttpOperationPlan): string {
  const input: string[] = [];
  const request: string[] = [];
  for (const where of LOCATIONS) {
    const t = paramsType(p, where);
    const required = p.params.some((x) => x.in === where && x.required);
    if (t) input.push(`  ${KEY[where]}${required ? '' : '?'}: ${t};`);
    request.push(`  ${KEY[where]}: ${t ?? 'Record<string, never>'};`);
  }
  if (p.body) {
    const union = (side: 'clientType' | 'serverType') => [...new Set(p.body!.media.map((m) => m[side] ?? m.type))].map((t) => (p.body!.media.length > 1 && t.includes('&') ? `(${t})` : t)).join(' | ');
    const body = union('clientType');
    const received = union('serverType');
    input.push(`  body${p.body.required ? '' : '?'}: ${body};`);
    if (p.body.media.length > 1) input.push(`  contentType?: ${p.body.media.map((m) => str(m.contentType)).join(' | ')};`);
    request.push(`  body: ${p.body.required ? received : `${p.body.media.length === 1 && received.includes('&') ? `(${received})` : received} | undefined`};`, `  contentType?: string;`);
  } else request.push('  body: undefined;');
  const variants = (result: boolean) =>
    p.responses.length
      ? p.responses
          .map((r) => {
            const parts = [`status: ${statusType(r.status)}`];
            if (r.contentType) parts.push(`contentType${result ? '?' : ''}: ${str(r.contentType)}`);
            parts.push(result ? 'headers?: Record<string, string | string[]>' : 'headers: Record<string, string>');
            parts.push(r.contentType ? `body: ${r.type}` : `body${result ? '?' : ''}: undefined`);
            return `\n  | { ${parts.join('; ')} }`;
          })
          .join('')
      : ' never';
  const doc = (what: string) => `/** \`${commentText(p.id)}\`: ${what}. */\n`;
  // A webhook's request is sent by the API (its sender) and handled by the subscriber.
  const [caller, handler] = p.webhook !== undefined ? ['the sender', "a subscriber's handler"] : ['a client', 'a handler'];
  return [
    `${doc(`what ${caller} passes to a call`)}export interface ${p.names.input} {\n${input.join('\n')}${input.length ? '\n' : ''}}\n`,
    `${doc(`the request ${handler} gets`)}export interface ${p.names.request} {\n${request.join('\n')}\n}\n`,
    `${doc(`the responses ${caller} gets, by status and media type`)}export type ${p.names.response} =${variants(false)};\n`,
    `${doc(`what ${handler} returns`)}export type ${p.names.result} =${variants(true)};\n`,
  ].join('\n');
}

function operationsView(plans: HttpOperationPlan[], hookPlans: HttpOperationPlan[], banner: string, compiled: Set<string>, model: ApiModel) {
  const bodyValidators = new Set<string>();
  const paramValidators = new Set<string>();
  const use = (v: string | undefined, set: Set<string>) => (v && compiled.has(v) ? (set.add(v), v) : undefined);
  const table = (p: HttpOperationPlan) => {
    const lines = [`id: ${str(p.id)}`, `method: ${str(p.method)}`, `path: ${str(p.path)}`];
    if (p.webhook !== undefined) lines.push(`webhook: ${str(p.webhook)}`);
    lines.push(
      `parameters: [${p.params.map((x) => `{ name: ${str(x.name)}, in: ${str(x.in)}, required: ${x.required}${x.array ? ', array: true' : ''}${x.explode !== undefined ? `, explode: ${x.explode}` : ''} }`).join(', ')}]`,
    );
    for (const where of LOCATIONS) {
      const v = use(p.paramValidators[where], paramValidators);
      if (v) lines.push(`validate${pascalCase(KEY[where])}: ${v}`);
    }
    if (p.body) {
      const media = p.body.media.map((m) => {
        const v = use(m.validator, m.form || m.multipart ? paramValidators : bodyValidators);
        return `{ contentType: ${str(m.contentType)}${m.form ? ', form: true' : ''}${m.commaSeparated ? `, commaSeparated: [${m.commaSeparated.map(str).join(', ')}]` : ''}${m.multipart ? `, multipart: ${multipartSpec(m.multipart)}` : ''}${v ? `, validate: ${v}` : ''} }`;
      });
      lines.push(`requestBody: { required: ${p.body.required}, media: [${media.join(', ')}] }`);
    }
    const responses = p.responses.map((r) => {
      const v = use(r.validator, bodyValidators);
      return `{ status: ${str(r.status)}${r.contentType ? `, contentType: ${str(r.contentType)}` : ''}${v ? `, validate: ${v}` : ''} }`;
    });
    lines.push(`responses: [\n${responses.map((r) => `      ${r},`).join('\n')}\n    ]`);
    return { key: propertyKey(p.id), spec: `{\n${lines.map((l) => `    ${l},`).join('\n')}\n  }` };
  };
  const operations = plans.map(table);
  const webhooks = hookPlans.map(table);
  const sortJoin = (s: Set<string>) => [...s].sort().join(', ');
  return { banner, about: commentText(`${model.info.title} ${model.info.version}`), operations, webhooks, hasWebhooks: webhooks.length > 0, bodyValidators: sortJoin(bodyValidators), paramValidators: sortJoin(paramValidators) };
}
