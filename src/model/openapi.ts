import type { NodeLocation, Workspace } from '../load/workspace.js';
import { child, collectComponents, readInfo, readSecuritySchemes, derefObj, entries, extensions, isObj, schemaNode, str, type Obj } from './common.js';
import type { ApiModel, Channel, HttpDetails, Message, Operation, Parameter, SecurityRequirement, Server } from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * OpenAPI in the shared model: each path is a channel (point-to-point, request/response), each method an
 * operation the application *receives* (the request), whose reply carries the responses it *sends*.
 */
export function buildOpenApi(ws: Workspace, file: string, doc: Obj): ApiModel {
  const specVersion = String(doc.openapi);
  const root: NodeLocation = { file, pointer: '' };
  const schemaFormat = specVersion.startsWith('3.0')
    ? 'application/vnd.oai.openapi;version=3.0'
    : str(doc.jsonSchemaDialect) ?? 'https://spec.openapis.org/oas/3.1/dialect/base';

  const security = (list: unknown, loc: NodeLocation): SecurityRequirement[] => {
    const out: SecurityRequirement[] = [];
    if (Array.isArray(list))
      list.forEach((item, i) => {
        if (isObj(item))
          for (const [scheme, scopes] of Object.entries(item))
            out.push({ scheme, scopes: Array.isArray(scopes) ? scopes.map(String) : [], source: child(loc, i, scheme) });
      });
    return out;
  };
  const globalSecurity = security(doc.security, child(root, 'security'));

  const servers: Server[] = [];
  if (Array.isArray(doc.servers))
    doc.servers.forEach((s, i) => {
      if (!isObj(s)) return;
      const source = child(root, 'servers', i);
      const url = str(s.url) ?? '';
      const variables: Server['variables'] = [];
      for (const [name, v] of entries(ws, s.variables, child(source, 'variables')))
        variables.push({ name, default: str(v.default), enum: Array.isArray(v.enum) ? v.enum.map(String) : undefined, description: str(v.description) });
      const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase() ?? 'https';
      servers.push({ id: url || String(i), url, protocol: scheme, variables, security: globalSecurity, bindings: {}, description: str(s.description), source });
    });

  const securitySchemes = readSecuritySchemes(ws, doc, root);

  const parameters = (list: unknown, loc: NodeLocation): Parameter[] => {
    const out: Parameter[] = [];
    const l = ws.deref(list, loc);
    if (!l || !Array.isArray(l.value)) return out;
    l.value.forEach((p, i) => {
      const d = derefObj(ws, p, child(l.location, i));
      if (!d) return;
      const where = d.value.in;
      if (where !== 'path' && where !== 'query' && where !== 'header' && where !== 'cookie') return;
      let schema = d.value.schema !== undefined ? schemaNode(d.value.schema, child(d.source, 'schema'), schemaFormat) : undefined;
      if (!schema && isObj(d.value.content)) {
        const [mt] = Object.keys(d.value.content);
        const media = (d.value.content as Obj)[mt];
        if (isObj(media) && media.schema !== undefined) schema = schemaNode(media.schema, child(d.source, 'content', mt, 'schema'), schemaFormat);
      }
      out.push({
        name: String(d.value.name ?? ''),
        in: where,
        required: where === 'path' ? true : d.value.required === true,
        schema,
        description: str(d.value.description),
        deprecated: d.value.deprecated === true,
        source: d.source,
      });
    });
    return out;
  };

  const contentMessages = (content: unknown, loc: NodeLocation, base: Omit<Message, 'id' | 'source' | 'contentType' | 'payload' | 'examples'>, idPrefix: string, fallbackSource: NodeLocation): Message[] => {
    const out: Message[] = [];
    const c = ws.deref(content, loc);
    if (c && isObj(c.value) && Object.keys(c.value).length) {
      for (const [mt, media, source] of entries(ws, c.value, c.location)) {
        const examples: Message['examples'] = [];
        if (media.example !== undefined) examples.push({ source: child(source, 'example') });
        for (const [k] of entries(ws, media.examples, child(source, 'examples'))) examples.push({ source: child(source, 'examples', k) });
        out.push({
          ...base,
          id: `${idPrefix} ${mt}`,
          contentType: mt,
          payload: media.schema !== undefined ? schemaNode(media.schema, child(source, 'schema'), schemaFormat) : undefined,
          examples,
          source,
        });
      }
    } else out.push({ ...base, id: idPrefix, examples: [], source: fallbackSource });
    return out;
  };

  const channels: Channel[] = [];
  const operations: Operation[] = [];
  const messages: Message[] = [];
  /** The operations of one path item: `webhook` names a webhook, which the provider calls (it sends the request). */
  const pathOperations = (item: Obj, pathSource: NodeLocation, path: string, channel: Channel, webhook?: string): Operation[] => {
    const out: Operation[] = [];
    const pathParams = parameters(item.parameters, child(pathSource, 'parameters'));
    if (webhook === undefined) channel.parameters = pathParams.filter((p) => p.in === 'path');
    for (const method of METHODS) {
      if (!isObj(item[method])) continue;
      const opSource = child(pathSource, method);
      const op = item[method] as Obj;
      const own = parameters(op.parameters, child(opSource, 'parameters'));
      const merged = [...pathParams.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
      const label = webhook !== undefined ? `webhook ${webhook} ${method.toUpperCase()}` : `${method.toUpperCase()} ${path}`;
      const common = { kind: 'unknown' as const, bindings: {}, tags: [] as string[], deprecated: false, extensions: {} };
      const requestBodies: Message[] = [];
      const rb = derefObj(ws, op.requestBody, child(opSource, 'requestBody'));
      if (rb)
        requestBodies.push(
          ...contentMessages(rb.value.content, child(rb.source, 'content'), { ...common, description: str(rb.value.description), required: rb.value.required === true }, `${label} request`, rb.source),
        );
      const responses: Message[] = [];
      for (const [status, resp, rsource] of entries(ws, op.responses, child(opSource, 'responses'))) {
        if (status.startsWith('x-')) continue;
        const headerParams: Parameter[] = [];
        for (const [name, h, hsource] of entries(ws, resp.headers, child(rsource, 'headers')))
          headerParams.push({
            name,
            in: 'header',
            required: h.required === true,
            schema: h.schema !== undefined ? schemaNode(h.schema, child(hsource, 'schema'), schemaFormat) : undefined,
            description: str(h.description),
            deprecated: h.deprecated === true,
            source: hsource,
          });
        for (const m of contentMessages(resp.content, child(rsource, 'content'), { ...common, description: str(resp.description), status }, `${label} ${status}`, rsource))
          responses.push({ ...m, headerParameters: headerParams });
      }
      if (webhook === undefined) messages.push(...requestBodies, ...responses);
      channel.messages.push(...requestBodies);
      const http: HttpDetails = { method, path, parameters: merged, requestBodies, responses, ...(webhook !== undefined ? { webhook } : {}) };
      out.push({
        id: str(op.operationId) ?? label,
        operationId: str(op.operationId),
        action: webhook !== undefined ? 'send' : 'receive',
        channel,
        messages: requestBodies,
        reply: { messages: responses, source: child(opSource, 'responses') },
        summary: str(op.summary),
        description: str(op.description),
        // OpenAPI operations list tag names, not Tag Objects.
        tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [],
        security: op.security !== undefined ? security(op.security, child(opSource, 'security')) : globalSecurity,
        bindings: {},
        deprecated: op.deprecated === true,
        extensions: extensions(op),
        http,
        source: opSource,
      });
    }
    return out;
  };
  const pathChannel = (id: string, address: string | null, item: Obj, source: NodeLocation): Channel => ({
    id,
    address,
    summary: str(item.summary),
    description: str(item.description),
    kind: 'point-to-point',
    kindReason: 'HTTP request/response',
    parameters: [],
    messages: [],
    servers: [],
    bindings: {},
    extensions: extensions(item),
    source,
  });
  for (const [path, item, pathSource] of entries(ws, doc.paths, child(root, 'paths'))) {
    const channel = pathChannel(path, path, item, pathSource);
    channels.push(channel);
    operations.push(...pathOperations(item, pathSource, path, channel));
  }
  // Webhooks (3.1) are kept apart from `operations`: they are calls the API makes, which checks of the
  // operations it serves (paths, 4xx responses, operationIds) do not apply to.
  const webhooks: Operation[] = [];
  for (const [name, item, source] of entries(ws, doc.webhooks, child(root, 'webhooks')))
    webhooks.push(...pathOperations(item, source, '', pathChannel(`webhook ${name}`, null, item, source), name));

  return {
    format: 'openapi',
    specVersion,
    info: readInfo(doc, root),
    file,
    servers,
    channels,
    operations,
    ...(webhooks.length ? { webhooks } : {}),
    messages,
    securitySchemes,
    components: collectComponents(ws, doc, root),
    extensions: extensions(doc),
    workspace: ws,
    document: doc,
  };
}
