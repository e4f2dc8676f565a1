import { code, directed, type SchemaCheck } from '../check.js';
import { openapi } from '../model-examples.js';

const orders = (request: string, response: string) =>
  openapi(`paths:
  /orders:
    post:
      operationId: placeOrder
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { id: ${request} } }
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: { type: object, properties: { id: ${response} } }
`);
const plain = '{ type: string }';

/**
 * OpenAPI `readOnly`/`writeOnly` on a property: a read-only property is not part of requests, a
 * write-only one not part of responses, so switching them moves a property out of (or into) a direction.
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('property-became-read-only', 'schema', 'breaking', 'non-breaking', 'A property became `readOnly`: clients may no longer send it.', 'non-breaking in a response checked as accepted data (`--mode backward|full`): responses still carry it'),
    directed('property-became-write-only', 'schema', 'non-breaking', 'breaking', 'A property became `writeOnly`: responses no longer carry it.', 'non-breaking in a request body checked as emitted data (`--mode forward|full`): requests still carry it'),
    directed('read-only-removed', 'schema', 'non-breaking', 'non-breaking', 'A property is no longer `readOnly`: clients may send it.', 'breaking in a request body and the property is required: clients must now send it'),
    directed('write-only-removed', 'schema', 'non-breaking', 'non-breaking', 'A property is no longer `writeOnly`: responses may carry it.'),
  ],

  examples: () => [
    { title: 'the id of a request body became read-only', base: orders(plain, plain), revision: orders('{ type: string, readOnly: true }', plain), expect: [{ rule: 'property-became-read-only', level: 'breaking', message: "Request body of `POST /orders`: `id` in the request body became read-only; clients that send it may be rejected.", at: '10:51' }] },
    { title: 'the id of a response became write-only', base: orders(plain, plain), revision: orders(plain, '{ type: string, writeOnly: true }'), expect: [{ rule: 'property-became-write-only', level: 'breaking', message: "`201` response of `POST /orders`: `id` in the response body became write-only; clients no longer receive it.", at: '16:53' }] },
    { title: 'the id of a request body is no longer read-only', base: orders('{ type: string, readOnly: true }', plain), revision: orders(plain, plain), expect: [{ rule: 'read-only-removed', level: 'non-breaking', message: "Request body of `POST /orders`: `id` in the request body is no longer read-only.", at: '10:51' }] },
    { title: 'the id of a response is no longer write-only', base: orders(plain, '{ type: string, writeOnly: true }'), revision: orders(plain, plain), expect: [{ rule: 'write-only-removed', level: 'non-breaking', message: "`201` response of `POST /orders`: `id` in the response body is no longer write-only.", at: '16:53' }] },
    { title: 'the id of a response became read-only (responses still carry it)', base: orders(plain, plain), revision: orders(plain, '{ type: string, readOnly: true }'), expect: [{ rule: 'property-became-read-only', level: 'non-breaking', message: "`201` response of `POST /orders`: `id` in the response body became read-only.", at: '16:53' }] },
    { title: 'the id of a request body became write-only (requests still carry it)', base: orders(plain, plain), revision: orders('{ type: string, writeOnly: true }', plain), expect: [{ rule: 'property-became-write-only', level: 'non-breaking', message: "Request body of `POST /orders`: `id` in the request body became write-only.", at: '10:51' }] },
    { title: 'read-only spelt out as false', base: orders(plain, plain), revision: orders('{ type: string, readOnly: false }', plain), expect: [] },
  ],
  run(ctx) {
    if (!ctx.openapi) return;
    const { base, rev } = ctx;
    for (const [name, bp] of base.props) {
      const rp = rev.props.get(name);
      if (!rp) continue;
      const bv = ctx.view('base', bp);
      const rv = ctx.view('rev', rp);
      if (!bv || !rv) continue;
      const flag = (v: typeof bv, k: string) => v.kw.get(k)?.value === true;
      const where = { base: bp.loc, revision: rp.loc };
      // The flags are about requests and responses, whichever way `--mode` checks them: a flag that says
      // nothing about this data (read-only in a response) changes nothing. `in` keeps such a change apart
      // from the same one found in the other kind of data.
      const flow = ctx.flow ?? ctx.dir;
      const data = flow === ctx.dir ? { name } : { name, in: flow === 'accept' ? 'request' : 'response' };
      const harmless = flow === ctx.dir ? {} : { level: 'non-breaking' as const };
      const accept = flow === 'accept';
      if (!flag(bv, 'readOnly') && flag(rv, 'readOnly'))
        ctx.report('property-became-read-only', `${code(name)} in {path} became read-only${accept ? '; clients that send it may be rejected' : ''}`, where, { data, ...(accept ? {} : harmless) });
      if (flag(bv, 'readOnly') && !flag(rv, 'readOnly')) {
        const required = accept && rev.required.has(name);
        ctx.report(
          'read-only-removed',
          required ? `${code(name)} in {path} is no longer read-only and is required: clients must now send it` : `${code(name)} in {path} is no longer read-only`,
          where,
          { data, ...(required ? { level: 'breaking' as const } : {}) },
        );
      }
      if (!flag(bv, 'writeOnly') && flag(rv, 'writeOnly'))
        ctx.report('property-became-write-only', `${code(name)} in {path} became write-only${accept ? '' : `; ${ctx.readers} no longer receive it`}`, where, { data, ...(accept ? harmless : {}) });
      if (flag(bv, 'writeOnly') && !flag(rv, 'writeOnly')) ctx.report('write-only-removed', `${code(name)} in {path} is no longer write-only`, where, { data });
    }
  },
};
export default check;
