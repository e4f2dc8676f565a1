// A spec is untrusted input: one whose every string that reaches generated code tries to break out of
// where it lands (comments, string literals, literal types, property keys, identifiers) still gives code
// that compiles with tsc --strict, runs nothing on import, exports exactly what it should, and holds no
// character that hides or ends a line (Trojan Source, U+2028). Both roles, every wiring transport.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pascalCase } from '../../src/generate/naming.js';
import { assertRuntimeBuilt, GENERATED, generateSpec, ROOT, TSC, writeGenerated } from './helpers.js';

const base = path.join(GENERATED, 'hostile');
const RUN = 'process.stdout.write("PWNED")';
/** Each piece ends a comment, a string, a template or a line, or hides text, and then runs RUN. */
const H = [
  `Hostile */ ${RUN}; /* `,
  `\`\${${RUN}}\` `,
  `" + ${RUN} + " ' + ${RUN} + ' `,
  `\n ${RUN}; // `,
  `\u2028 ${RUN}; \u2029 \r ${RUN}; `,
  `</script><script>${RUN}</script> `,
  '\u0000 \u202e \u200b \\ \\u0022 \t end',
].join('');
/** For runtime expressions, which take no `/` or `~` in a name, and addresses, which take no braces. */
const X = H.replace(/[/~]/g, '|');
const ADDRESS = X.replace(/[{}]/g, '');
const channelRef = (key: string) => `#/channels/${encodeURIComponent(key.replace(/~/g, '~0').replace(/\//g, '~1'))}`;

const thing = {
  type: 'object',
  title: `${H}thing`,
  description: H,
  required: [H, '__proto__', 'constructor'],
  properties: {
    [H]: { type: 'string', description: H, enum: [H, 'plain'] },
    kind: { type: 'string', default: H },
    nested: { type: 'object', properties: { [H]: { const: { [H]: [H, 1, null, true] } } }, additionalProperties: { type: 'string', description: H } },
  },
  patternProperties: { '^x-[`$"\']': { type: 'string', pattern: '^[`$"\'{}]*$' } },
  format: H,
};

const spec = {
  asyncapi: '3.0.0',
  info: { title: H, version: H, description: H },
  defaultContentType: H,
  channels: {
    request: {
      address: `request.${ADDRESS}.{region}`,
      title: H,
      description: H,
      parameters: { region: { enum: [H, 'eu'], description: H, location: `$message.payload#/${X}` } },
      'x-specgate-partition-key': `$message.payload#/${X}`,
      messages: { command: { $ref: '#/components/messages/Command' } },
    },
    [H]: { address: null, messages: { [H]: { name: H, title: H, payload: { type: 'string', description: H } } } },
    reply: { address: `reply.${ADDRESS}`, messages: { reply: { $ref: '#/components/messages/Reply' } } },
  },
  operations: {
    doIt: {
      action: 'send',
      channel: { $ref: '#/channels/request' },
      title: H,
      summary: H,
      description: H,
      messages: [{ $ref: '#/channels/request/messages/command' }],
      reply: { channel: { $ref: '#/channels/reply' }, address: { location: `$message.header#/${X}` } },
    },
    [H]: { action: 'receive', channel: { $ref: channelRef(H) }, summary: H, description: H },
  },
  components: {
    messages: {
      Command: {
        name: H,
        title: H,
        summary: H,
        description: H,
        contentType: H,
        correlationId: { location: `$message.header#/${X}` },
        headers: { type: 'object', required: [X], properties: { [X]: { type: 'string', description: H } } },
        payload: { $ref: '#/components/schemas/Thing' },
      },
      Reply: {
        name: `${H}reply`,
        payload: { oneOf: [{ $ref: '#/components/schemas/Thing' }, { type: 'object', title: `${H}branch`, properties: { kind: { const: H } } }], discriminator: 'kind' },
      },
    },
    schemas: { Thing: thing },
  },
};

const MODULES = ['index', 'client', 'handlers', 'operations', 'types', 'validators', 'header-validators', 'wiring'];

test('a spec whose every string tries to break out compiles with tsc --strict and runs nothing on import (both roles, every transport)', async () => {
  assertRuntimeBuilt();
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const file = path.join(base, 'hostile.asyncapi.json');
  writeFileSync(file, JSON.stringify(spec, null, 2));

  const dirs: string[] = [];
  let name = '';
  for (const role of ['service', 'client'] as const)
    for (const transport of ['memory', 'amqp', 'nats'] as const) {
      const g = await generateSpec(file, role, transport);
      assert.equal(g.warnings, []);
      name = g.name;
      for (const f of g.files) assert.not.match(f.content, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u202e\u2028\u2029\r]/u, `${role} ${transport} ${f.path}: a hidden or line-ending character`);
      dirs.push(writeGenerated(g, path.join(base, `${role}-${transport}`)));
    }
  assert.is(name, pascalCase(H), 'the name is the PascalCase title');
  assert.match(name, /^[A-Za-z0-9]+$/);

  writeFileSync(
    path.join(base, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true },
      files: dirs.flatMap((d) => [path.relative(base, path.join(d, 'index.ts')), path.relative(base, path.join(d, 'wiring.ts'))]),
    }),
  );
  const tsc = spawnSync(process.execPath, [TSC, '-p', path.join(base, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  assert.is(tsc.stdout + tsc.stderr, '', 'tsc reports no errors');
  assert.is(tsc.status, 0);

  // Import every module in a child process: it must print only the export names.
  const probe = path.join(base, 'probe.ts');
  writeFileSync(
    probe,
    `const out: Record<string, string[]> = {};
for (const dir of ${JSON.stringify(dirs.map((d) => path.basename(d)))})
  for (const m of ${JSON.stringify(MODULES)}) out[dir + '/' + m] = Object.keys(await import('./' + dir + '/' + m + '.ts')).sort();
console.log(JSON.stringify(out));
`,
  );
  const run = spawnSync(process.execPath, ['--import', path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs'), probe], { cwd: ROOT, encoding: 'utf8' });
  assert.is(run.stderr, '');
  assert.is(run.status, 0);
  const lines = run.stdout.split('\n');
  assert.ok(lines.length === 2 && lines[0].startsWith('{"'), `nothing printed on import but the export names: ${run.stdout.slice(0, 200)}`);
  const exports = JSON.parse(lines[0]) as Record<string, string[]>;
  // The payloads of the command (Thing), of its reply, and of the message of the channel keyed H.
  const validators = ['validateThing', `validate${pascalCase(`${H}reply`)}`, `validate${pascalCase(H)}`].sort();
  for (const dir of dirs.map((d) => path.basename(d)))
    assert.equal(
      exports,
      {
        ...exports,
        [`${dir}/index`]: [`create${name}Client`, 'operations', `register${name}Handlers`],
        [`${dir}/client`]: [`create${name}Client`],
        [`${dir}/handlers`]: [`register${name}Handlers`],
        [`${dir}/operations`]: ['operations'],
        [`${dir}/types`]: [],
        [`${dir}/validators`]: validators,
        [`${dir}/header-validators`]: [`validate${pascalCase(H)}Headers`],
        [`${dir}/wiring`]: [`start${name}`],
      },
      dir,
    );
  assert.is(Object.keys(exports).length, dirs.length * MODULES.length);
});

test('spec strings keep their values in generated literals', async () => {
  const { operations } = (await import(path.join(base, 'service-memory', 'operations.ts'))) as { operations: Record<string, { id: string; address: string; messages: { name: string; contentType: string; correlationId?: string }[] }> };
  assert.equal(Object.keys(operations), [H, 'doIt'], 'sorted by id');
  const op = operations.doIt;
  assert.is(op.address, `request.${ADDRESS}.{region}`);
  assert.equal(op.messages.map((m) => [m.name, m.contentType, m.correlationId]), [[H, H, `$message.header#/${X}`]]);
  assert.is(operations[H].id, H);
  assert.is(operations[H].address, H, 'a channel without address is addressed by its key');
});

test.run();
