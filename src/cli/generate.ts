import path from 'node:path';
import { InputError } from '../load/errors.js';
import { colorWanted } from '../report/color.js';
import { formatReport } from '../report/index.js';
import { validateFile } from '../validate/index.js';
import { generate, GenerateError, type Role, type WiringTransport } from '../generate/index.js';
import type { HttpRole } from '../generate/http.js';
import { checkOutput, OutputFolderError, writeOutput } from '../generate/output.js';
import { EXIT, notice, toolVersion, writeStdout } from './output.js';
import { refOptions, type RefFlags } from '../load/scope.js';
import { toFileReport } from '../validate/index.js';

export interface GenerateRunOptions extends RefFlags {
  out: string;
  /** Default: `service` for AsyncAPI, client and server for OpenAPI. */
  role?: Role | HttpRole;
  /** Also write wiring.ts over this transport. */
  transport?: WiringTransport;
  check?: boolean;
  force?: boolean;
}

/** `specgate generate`: returns the exit code. */
export async function runGenerate(spec: string, options: GenerateRunOptions): Promise<number> {
  let refs;
  try {
    refs = refOptions([spec], options);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    notice(`specgate: ${e.toLine()}`);
    return EXIT.input;
  }
  const result = await validateFile(spec, { keepModel: true, ...refs });
  if (result.fatal || !result.valid || !result.model) {
    const report = toFileReport(result, true);
    await writeStdout(await formatReport('stylish', [report], { toolVersion: toolVersion(), color: colorWanted(), command: 'validate', rules: [] }));
    notice(`specgate: ${spec} is not a valid contract; nothing generated`);
    return result.fatal ? EXIT.input : EXIT.findings;
  }
  let generated;
  try {
    generated = generate(result.model, { role: options.role, transport: options.transport });
  } catch (e) {
    if (e instanceof GenerateError) {
      notice(`specgate: ${e.message}`);
      return EXIT.input;
    }
    throw e;
  }
  for (const w of generated.warnings) notice(`warning: ${w}`);
  const out = options.out;
  try {
    if (options.check) {
      const c = await checkOutput(out, generated.files);
      if (c.upToDate) {
        notice(`${out} is up to date`);
        return EXIT.ok;
      }
      for (const s of c.stale) notice(`${path.join(out, s.path)}: ${s.reason}`);
      const defaultRole = result.model.format === 'asyncapi' && options.role === 'service';
      const again = `${options.role && !defaultRole ? ` --role ${options.role}` : ''}${options.transport ? ` --transport ${options.transport}` : ''}`;
      notice(`${out} is stale: run specgate generate ${spec} --out ${out}${again}`);
      return EXIT.findings;
    }
    // Every file validation read (the spec and what its $refs reached) is off limits to the writer.
    const w = await writeOutput(out, generated.files, { force: options.force, inputs: [...result.model.workspace.files.keys()] });
    for (const f of w.foreign) notice(`warning: ${path.join(out, f)} was not written by specgate; left as it is`);
    for (const f of w.replaced) notice(`warning: ${path.join(out, f)} was not written by specgate; replaced (--force)`);
    notice(`generated ${w.written.length} files for ${generated.name} (${generated.side}) in ${out}${w.removed.length ? `, removed ${w.removed.length} obsolete` : ''}`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof OutputFolderError) {
      notice(`specgate: ${e.message}`);
      return EXIT.input;
    }
    throw e;
  }
}
