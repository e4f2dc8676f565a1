#!/usr/bin/env node
// Conformance of `specgate validate` over the shared corpus: the AsyncAPI TCK, the AsyncAPI specification
// examples and the OAI schema test documents. Run directly, it rewrites docs/conformance.md.
//
//   node scripts/conformance.mjs [--corpus DIR] [--check]
//
// The verdict comes from validateFile (src/validate/index.ts: structural + semantic checks); when that module
// is not there, from the structural check alone. The TypeScript sources load through tsx.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CORPUS = resolve(root, '../shared/corpus');

/** Findings about the environment, not the document: remote references are not followed offline. */
const IGNORED_RULES = new Set(['remote-ref-disabled']);

/** Spec examples that are expected to fail, and why. */
export const EXPECTED_INVALID_EXAMPLES = {
  '2.0.0/correlation-id.yml': 'its servers require security schemes with non-empty scope lists that are not OAuth2/OpenID (real errors)',
};

/** Parser 3.6.6 numbers quoted in the comparison (from tck/asyncapi-parser-3.6.6-results.json). */
function parserNumbers(corpus) {
  const file = join(corpus, 'asyncapi/tck/asyncapi-parser-3.6.6-results.json');
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const bySuite = { core: [0, 0], bindings: [0, 0] };
  const verdicts = new Map();
  for (const r of data.results) {
    const s = r.file.includes('/bindings/') ? 'bindings' : 'core';
    bySuite[s][1]++;
    if (r.agree) bySuite[s][0]++;
    verdicts.set(r.file, { verdict: r.parser, codes: r.errorCodes ?? [] });
  }
  return { tool: data.tool, bySuite, verdicts };
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

async function loadValidator(corpus) {
  const index = join(root, 'src/validate/index.ts');
  if (existsSync(index)) {
    const mod = await import(pathToFileURL(index).href);
    if (typeof mod.validateFile === 'function') {
      return {
        kind: 'validateFile (structural + semantic checks)',
        async check(file, onlyRules) {
          // The corpus is one project: its examples share files across their folders (`../common/`).
          const r = await mod.validateFile(file, { refRoots: [corpus] });
          // A remote reference that is not followed (no network here) says nothing about the document.
          const errors = r.fatal
            ? [r.fatal.message]
            : r.diagnostics
                .filter((d) => d.severity === 'error' && !IGNORED_RULES.has(d.rule) && (!onlyRules || onlyRules.includes(d.rule)))
                .map((d) => `${d.rule}: ${d.message}`);
          return { valid: errors.length === 0, errors };
        },
      };
    }
  }
  const { detectSpec, validateStructure } = await import(pathToFileURL(join(root, 'src/validate/structural.ts')).href);
  const yaml = await import('js-yaml');
  return {
    kind: 'structural check only',
    async check(file) {
      let doc;
      try {
        doc = yaml.load(readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA });
      } catch (e) {
        return { valid: false, errors: [`parse: ${e.message.split('\n')[0]}`] };
      }
      const spec = detectSpec(doc);
      if ('error' in spec) return { valid: false, errors: [spec.error] };
      const diags = await validateStructure(doc, spec, file);
      return { valid: diags.length === 0, errors: diags.map((d) => `${d.rule}: ${d.message}`) };
    },
  };
}

function loadReasons() {
  const file = join(root, 'scripts/conformance-reasons.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/**
 * Runs every suite; returns { validator, suites: [{ name, cases: [{ file, expected, got, errors }] }], ms }.
 * Returns undefined when the corpus is absent.
 */
export async function runConformance(corpus = DEFAULT_CORPUS) {
  if (!existsSync(corpus)) return undefined;
  const validator = await loadValidator(corpus);
  const t0 = performance.now();
  const suites = [];
  const run = async (name, cases) => {
    const out = [];
    for (const c of cases) {
      let res;
      try {
        res = await validator.check(c.path, c.onlyRules);
      } catch (e) {
        res = { valid: false, errors: [`crash: ${e.message}`] };
      }
      out.push({ file: c.file, expected: c.expected, got: res.valid ? 'valid' : 'invalid', errors: res.errors, extra: c.extra });
    }
    suites.push({ name, cases: out });
  };

  const tckDir = join(corpus, 'asyncapi/tck');
  if (existsSync(join(tckDir, 'manifest.json'))) {
    const manifest = JSON.parse(readFileSync(join(tckDir, 'manifest.json'), 'utf8'));
    const docs = manifest.files.filter((f) => f.role === 'test-document');
    const toCase = (f) => ({ file: `tck/${f.file}`, path: join(tckDir, f.file), expected: f.expected });
    await run('AsyncAPI TCK: core (2.0, 2.1)', docs.filter((f) => !f.suite.startsWith('bindings')).map(toCase));
    await run('AsyncAPI TCK: bindings', docs.filter((f) => f.suite.startsWith('bindings')).map(toCase));
  }

  const exDir = join(corpus, 'asyncapi/spec-examples');
  for (const version of ['2.0.0', '2.6.0', '3.0.0', '3.1.0-master']) {
    const dir = join(exDir, version);
    if (!existsSync(dir)) continue;
    const cases = walk(dir)
      .filter((p) => /\.ya?ml$/.test(p) && !p.includes('/common/'))
      .map((p) => {
        const rel = relative(exDir, p);
        return { file: `spec-examples/${rel}`, path: p, expected: rel in EXPECTED_INVALID_EXAMPLES ? 'invalid' : 'valid' };
      });
    await run(`AsyncAPI spec examples ${version}`, cases);
  }

  const oai = join(corpus, 'openapi/oai-schema-tests');
  for (const [version, kind] of [['v3.0', 'pass'], ['v3.1', 'pass'], ['v3.1', 'fail'], ['v3.2', 'pass'], ['v3.2', 'fail']]) {
    const dir = join(oai, version, kind);
    if (!existsSync(dir)) continue;
    const unsupported = version === 'v3.2';
    const cases = walk(dir)
      .filter((p) => /\.ya?ml$/.test(p))
      .map((p) => ({
        file: `oai/${version}/${kind}/${relative(dir, p)}`,
        path: p,
        expected: unsupported ? 'invalid' : kind === 'pass' ? 'valid' : 'invalid',
        // the OAI documents test the schema only (a pass example may omit a path parameter declaration)
        onlyRules: ['openapi-schema'],
      }));
    await run(`OAI ${version} ${kind}${unsupported ? ' (3.2 unsupported: must be refused)' : ''}`, cases);
  }
  return { validator: validator.kind, suites, ms: Math.round(performance.now() - t0), parser: parserNumbers(corpus) };
}

export function summarize(result) {
  return result.suites.map((s) => {
    const hits = s.cases.filter((c) => c.got === c.expected).length;
    return { name: s.name, hits, total: s.cases.length, misses: s.cases.filter((c) => c.got !== c.expected) };
  });
}

export function renderMarkdown(result) {
  const reasons = loadReasons();
  const rows = summarize(result);
  const lines = [];
  lines.push('# Validation conformance');
  lines.push('');
  lines.push('Generated by `node scripts/conformance.mjs` over the shared test corpus; do not edit by hand.');
  lines.push(`Verdicts come from ${result.validator}. A document is valid when validation reports no error.`);
  lines.push('');
  lines.push('| suite | matches | total | rate |');
  lines.push('|---|---:|---:|---:|');
  for (const r of rows) lines.push(`| ${r.name} | ${r.hits} | ${r.total} | ${((100 * r.hits) / Math.max(1, r.total)).toFixed(1)}% |`);
  const tck = rows.filter((r) => r.name.startsWith('AsyncAPI TCK'));
  if (tck.length) {
    const hits = tck.reduce((a, r) => a + r.hits, 0);
    const total = tck.reduce((a, r) => a + r.total, 0);
    lines.push(`| **AsyncAPI TCK, all** | **${hits}** | **${total}** | **${((100 * hits) / total).toFixed(1)}%** |`);
  }
  lines.push('');
  if (result.parser) {
    const p = result.parser.bySuite;
    const core = rows.find((r) => r.name.startsWith('AsyncAPI TCK: core'));
    const bind = rows.find((r) => r.name.startsWith('AsyncAPI TCK: bindings'));
    lines.push('## Compared with the official parser');
    lines.push('');
    lines.push(`${result.parser.tool}:`);
    lines.push('');
    lines.push('| TCK suite | @asyncapi/parser | specgate |');
    lines.push('|---|---:|---:|');
    if (core) lines.push(`| core (2.0, 2.1) | ${p.core[0]}/${p.core[1]} | ${core.hits}/${core.total} |`);
    if (bind) lines.push(`| bindings | ${p.bindings[0]}/${p.bindings[1]} | ${bind.hits}/${bind.total} |`);
    lines.push('');
  }
  if (result.parser) {
    // Every TCK document where specgate's verdict and the official parser's differ, and why.
    const differ = [];
    for (const r of result.suites.filter((x) => x.name.startsWith('AsyncAPI TCK')))
      for (const c of r.cases) {
        const p = result.parser.verdicts.get(c.file.replace(/^tck\//, ''));
        if (!p || p.verdict === c.got) continue;
        const why =
          c.got === c.expected
            ? p.verdict === 'valid'
              ? c.file.includes('/bindings/')
                ? 'the parser does not check binding contents; specgate validates them against the binding schemas'
                : `the parser reports no error; specgate: ${[...new Set(c.errors.map((e) => e.split(':')[0]))].join(', ') || 'invalid'}`
              : `the parser rejects a valid document (${p.codes.join(', ')})`
            : 'specgate is wrong here: see Misses';
        differ.push(`| \`${c.file}\` | ${c.expected} | ${p.verdict} | ${c.got} | ${why} |`);
      }
    lines.push('## Where specgate and the official parser disagree');
    lines.push('');
    lines.push(`${differ.length} TCK documents. Spec examples: the parser rejects 3.0.0 \`adeo-kafka-request-reply\` offline (remote \`$ref\`s, and a Kafka \`key\` \`$ref\` that matches both branches of the official schema's \`oneOf\`); specgate reports the remote references and accepts the rest.`);
    lines.push('');
    lines.push('| file | expected | parser | specgate | why |');
    lines.push('|---|---|---|---|---|');
    lines.push(...differ.sort());
    lines.push('');
  }
  lines.push('## Misses');
  lines.push('');
  const misses = rows.flatMap((r) => r.misses.map((m) => ({ ...m, suite: r.name })));
  if (misses.length === 0) lines.push('None.');
  else {
    lines.push('| file | expected | got | reason |');
    lines.push('|---|---|---|---|');
    for (const m of misses) {
      const reason = reasons[m.file] ?? (m.errors.length ? `not yet analysed; first error: ${m.errors[0]}` : 'not yet analysed');
      lines.push(`| \`${m.file}\` | ${m.expected} | ${m.got} | ${reason.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
    }
  }
  lines.push('');
  lines.push('## Expected verdicts');
  lines.push('');
  lines.push('- TCK: `tck/manifest.json` (from the file names: `*valid*` valid, `*invalid*` invalid).');
  lines.push('- Spec examples: all valid, except:');
  for (const [file, why] of Object.entries(EXPECTED_INVALID_EXAMPLES)) lines.push(`  - \`${file}\`: ${why}.`);
  lines.push('- Remote references are not followed offline; the `remote-ref-disabled` finding is not counted (it is about the environment). So `3.0.0`/`3.1.0` `adeo-kafka-request-reply` count as valid: their other content is valid. (@asyncapi/parser also reports 5 errors for the 3.0.0 one: its Kafka `key: {$ref: ...}` matches both alternatives of a `oneOf: [Reference, Schema]` in the official schema; specgate reads an object with `$ref` as a Reference Object.)');
  lines.push('- OAI: `pass/` valid, `fail/` invalid, judged by the schema check alone (`openapi-schema`; these documents test the OAI schema, and some pass examples break semantic rules, e.g. an undeclared path parameter); OpenAPI 3.2 is not supported, so every 3.2 document must be refused.');
  lines.push('');
  lines.push('## What the structural check covers');
  lines.push('');
  lines.push('- Official JSON Schemas: AsyncAPI 2.0.0–2.6.0, 3.0.0, 3.1.0 (@asyncapi/specs); OpenAPI 3.0 and 3.1 (the OAI schemas as shipped by @seriousme/openapi-schema-validator). The 3.1 check is the OAI document-structure schema: Schema Objects must be objects or booleans; their JSON Schema 2020-12 keywords are not checked.');
  lines.push('- Documents are checked as written: a Reference Object (`$ref`) is accepted wherever the specification allows one and is not checked against the shape of its target here.');
  lines.push('- AsyncAPI 2.x protocol bindings are checked against the binding schemas of @asyncapi/specs (by `bindingVersion`; the latest when omitted; the nearest known version when @asyncapi/specs has no schema for it).');
  lines.push('- AsyncAPI 2.x rules that the specification states but its schemas omit: names of servers, channel parameters and components must match the field patterns; message examples (before the 2.6.0 Message Example Object) hold only `headers` and `payload`.');
  lines.push('');
  return lines.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const corpus = args.includes('--corpus') ? resolve(args[args.indexOf('--corpus') + 1]) : DEFAULT_CORPUS;
  const result = await runConformance(corpus);
  if (!result) {
    console.log(`corpus not found at ${corpus}; nothing to do`);
    return;
  }
  for (const r of summarize(result)) console.log(`${r.name.padEnd(58)} ${String(r.hits).padStart(4)}/${r.total}`);
  console.log(`validated ${result.suites.reduce((a, s) => a + s.cases.length, 0)} documents in ${result.ms} ms with ${result.validator}`);
  if (!args.includes('--check')) {
    writeFileSync(join(root, 'docs/conformance.md'), renderMarkdown(result));
    console.log('wrote docs/conformance.md');
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // The sources are TypeScript: re-run under tsx when it is not loaded yet.
  if (!process.env.SPECGATE_CONFORMANCE_TSX) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, SPECGATE_CONFORMANCE_TSX: '1' },
    });
    process.exit(r.status ?? 1);
  }
  await main();
}
