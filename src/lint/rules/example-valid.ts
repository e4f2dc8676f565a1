import type { NodeLocation } from '../../load/workspace.js';
import type { Message } from '../../model/types.js';
import { ExampleValidator } from '../example-validator.js';
import type { LintRule } from '../types.js';
import { isJsonSchema } from './correlation-id-field.js';
import { at, isObj, msgName } from './util.js';

interface Check {
  message: Message;
  schema: NodeLocation;
  value: unknown;
  /** Where the example value stands. */
  at: NodeLocation;
  label: string;
}

export const exampleValid: LintRule = {
  id: 'example-valid',
  description: 'Message and media-type examples are valid against their schemas.',
  docs:
    'Examples are what people copy into tests and mocks. An example that its own schema rejects is either a ' +
    'wrong example or a wrong schema, and either way the contract is lying somewhere. OpenAPI 3.1 schemas are ' +
    'checked as JSON Schema 2020-12, OpenAPI 3.0 and AsyncAPI schemas as draft-07 (with `nullable`); formats ' +
    '(`uuid`, `date-time`, `email`, ...) are checked. A required `readOnly` property may be missing from a ' +
    'request example, a `writeOnly` one from a response example. Schemas in other formats (Avro, Protobuf) are skipped.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'error', recommended: 'error', strict: 'error' },
  equivalents: {
    spectral: ['oas3-valid-media-example', 'asyncapi-payload-examples', 'asyncapi-message-examples'],
    redocly: ['no-invalid-media-type-examples'],
  },
  async run({ model }, report) {
    const ws = model.workspace;
    const checks: Check[] = [];
    const seen = new Set<string>();
    for (const m of model.messages) {
      for (const ex of m.examples) {
        const d = ws.deref<unknown>(ws.get(ex.source), ex.source);
        if (!d) continue;
        const key = `${d.location.file}#${d.location.pointer}|${m.source.file}#${m.source.pointer}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (model.format === 'openapi') {
          if (!m.payload) continue;
          const isMediaExample = ex.source.pointer.endsWith('/example');
          if (isMediaExample) checks.push({ message: m, schema: m.payload.source, value: d.value, at: d.location, label: 'example' });
          else if (isObj(d.value) && 'value' in d.value)
            checks.push({ message: m, schema: m.payload.source, value: d.value.value, at: at(d.location, 'value'), label: `example \`${ex.source.pointer.split('/').pop()}\`` });
        } else if (isObj(d.value)) {
          const name = typeof d.value.name === 'string' ? `example \`${d.value.name}\`` : `example ${ex.source.pointer.split('/').pop()}`;
          if (m.payload && 'payload' in d.value && isJsonSchema(m, 'payload'))
            checks.push({ message: m, schema: m.payload.source, value: d.value.payload, at: at(d.location, 'payload'), label: `payload of ${name}` });
          if (m.headers && 'headers' in d.value && isJsonSchema(m, 'header'))
            checks.push({ message: m, schema: m.headers.source, value: d.value.headers, at: at(d.location, 'headers'), label: `headers of ${name}` });
        }
      }
    }
    if (checks.length === 0) return;
    const validator = await ExampleValidator.create(model);
    for (const c of checks) {
      const direction = model.format !== 'openapi' ? undefined : c.message.status !== undefined ? 'response' : 'request';
      const problems = validator.validate(c.schema, c.value, direction);
      for (const p of problems) {
        const where = p.instancePath ? ` at \`${p.instancePath}\`` : '';
        const owner = model.format === 'openapi' ? `\`${c.message.id}\`` : msgName(c.message);
        report({ file: c.at.file, pointer: c.at.pointer + p.instancePath }, `${c.label} of ${owner} does not match its schema${where}: ${p.message}`, 'fix the example, or the schema if the example is right');
      }
    }
  },
};
