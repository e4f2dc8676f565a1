import { writeFileSync } from 'node:fs';
import { InputError } from '../load/errors.js';
import { refOptions, type RefFlags } from '../load/scope.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { openSet } from '../model/open.js';
import type { ApiModel } from '../model/types.js';
import { toFileReport } from '../validate/index.js';
import { checkSystem } from '../system/index.js';
import { graphText, toGraph, type Graph } from '../system/graph.js';
import { EXIT, notice, writeStdout } from './output.js';

export type GraphFormat = 'text' | 'json' | 'mermaid' | 'dot' | 'html';
export const GRAPH_FORMATS: readonly GraphFormat[] = ['text', 'json', 'mermaid', 'dot', 'html'];

export interface GraphRunOptions extends RefFlags {
  format: GraphFormat;
  /** Write here instead of stdout. */
  output?: string;
}

/** The formats drawn from the JSON graph; each loaded only when asked for. */
async function render(format: GraphFormat, g: Graph): Promise<string> {
  if (format === 'json') return JSON.stringify(g, null, 2) + '\n';
  if (format === 'text') return graphText(g);
  const draw: Partial<Record<GraphFormat, (g: Graph) => string | Promise<string>>> = await import('../system/draw.js');
  const fn = draw[format];
  if (!fn) throw new InputError(`--format ${format} is not available in this build`, '--format');
  return fn(g);
}

/** `specgate graph`: returns the exit code. */
export async function runGraph(inputs: string[], options: GraphRunOptions): Promise<number> {
  let opened;
  try {
    opened = await openSet(inputs, (files) => refOptions(files, options));
  } catch (e) {
    if (e instanceof InputError) {
      notice(`specgate: ${e.toLine()}`);
      return EXIT.input;
    }
    throw e;
  }
  const models: ApiModel[] = [];
  const inputProblems: Diagnostic[] = [];
  // The input-error diagnostic every other command reports for the file.
  const problem = (e: InputError, input: string) => inputProblems.push(...toFileReport({ file: input, valid: false, diagnostics: [], fatal: e }).diagnostics);
  // One unreadable file is a problem of the graph, not the end of it.
  for (const { input, error } of opened.failed) problem(error, input);
  for (const doc of opened.documents) {
    if (doc.model) models.push(doc.model);
    else problem(new InputError(`cannot read the document as ${doc.spec.format === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI'} (${doc.modelError?.message}); run \`specgate validate ${doc.input}\``, doc.input), doc.input);
  }
  const check = await checkSystem(models);
  const g = toGraph(check, inputProblems);
  let text: string;
  try {
    text = await render(options.format, g);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    notice(`specgate: ${e.toLine()}`);
    return EXIT.input;
  }
  if (options.output) {
    writeFileSync(options.output, text);
    notice(`wrote ${options.output}`);
  } else await writeStdout(text);
  if (inputProblems.length) return EXIT.input;
  return check.diagnostics.some((d) => d.severity === 'error') ? EXIT.findings : EXIT.ok;
}
