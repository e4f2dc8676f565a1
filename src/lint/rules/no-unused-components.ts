import { fragmentToPointer, isPointer, parsePointer } from '../../load/pointer.js';
import { splitRef, type Workspace } from '../../load/workspace.js';
import type { LintRule } from '../types.js';

/**
 * Every component a `$ref` (anywhere in the workspace), a security requirement or a discriminator mapping
 * names, as `file#/components/<kind>/<name>`.
 */
export function usedComponents(ws: Workspace, securitySchemes: Iterable<string>, rootFile: string): Set<string> {
  const used = new Set<string>();
  // A large document names the same components thousands of times: each (file, $ref) is read once.
  const done = new Set<string>();
  const addTarget = (ref: string, from: string) => {
    const once = `${from}\u0000${ref}`;
    if (done.has(once)) return;
    done.add(once);
    const [target, fragment] = splitRef(ref);
    const pointer = fragmentToPointer(fragment);
    if (!isPointer(pointer)) return; // reported as invalid-ref-pointer; it names no component
    const tokens = parsePointer(pointer);
    const i = tokens.indexOf('components');
    if (i === -1 || tokens.length < i + 3) return;
    const file = target === '' ? from : ws.fileFor(target, from);
    used.add(`${file}#/components/${esc(tokens[i + 1])}/${esc(tokens[i + 2])}`);
  };
  // The workspace found every reference once while loading; no second walk over the documents.
  for (const r of ws.references) addTarget(r.ref, r.at.file);
  for (const m of ws.mappingReferences) addTarget(m.ref, m.file);
  for (const s of securitySchemes) used.add(`${rootFile}#/components/securitySchemes/${esc(s)}`);
  return used;
}

function esc(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

export const noUnusedComponents: LintRule = {
  id: 'no-unused-components',
  description: 'Every entry under `components` is used: a `$ref`, a security requirement or a discriminator mapping names it.',
  docs:
    'An unused component is dead contract: readers wonder what uses it, and it drifts from the real messages. ' +
    'Any `$ref` in any file of the document set counts as a use. A document that is only a library of ' +
    'components should turn this rule off for itself (`overrides` in the config).',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  equivalents: { spectral: ['oas3-unused-component', 'asyncapi-unused-components-schema', 'asyncapi-unused-components-server'], redocly: ['no-unused-components'] },
  examples: () => [
    {
      title: 'a schema nothing refers to',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCreated:
    address: orders.created
    messages:
      OrderCreated:
        payload: { $ref: '#/components/schemas/Order' }
components:
  schemas:
    Order: { type: object }
    LegacyOrder: { type: object }
`,
      expect: [{ message: 'component `LegacyOrder` in `components.schemas` is never used', range: '14:5-14:16' }],
    },
    {
      title: 'components used by a `$ref`, a security requirement and a discriminator mapping',
      doc: `openapi: 3.1.0
info:
  title: Payments
  version: 1.0.0
security:
  - oauth: []
paths:
  /payments/latest:
    get:
      responses:
        '200':
          description: The payment.
          content: { application/json: { schema: { $ref: '#/components/schemas/Payment' } } }
components:
  securitySchemes:
    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: /token, scopes: {} } } }
  schemas:
    Payment:
      oneOf: [{ $ref: '#/components/schemas/Card' }]
      discriminator: { propertyName: kind, mapping: { sepa: '#/components/schemas/Sepa' } }
    Card: { type: object }
    Sepa: { type: object }
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    if (model.components.length === 0) return;
    const schemes = new Set<string>();
    for (const s of model.servers) for (const r of s.security) schemes.add(r.scheme);
    for (const op of model.operations) for (const r of op.security) schemes.add(r.scheme);
    const used = usedComponents(model.workspace, schemes, model.file);
    for (const c of model.components) {
      if (used.has(`${c.source.file}#${c.source.pointer}`)) continue;
      report(c.source, `component \`${c.name}\` in \`components.${c.kind}\` is never used`, 'remove it, or reference it where it is meant to be used');
    }
  },
};
