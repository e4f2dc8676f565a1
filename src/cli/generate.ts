import path from 'node:path';
import { colorWanted } from '../report/color.js';
import { formatReport } from '../report/index.js';
import { validateFile } from '../validate/index.js';
import { generate, GenerateError, type Role, type WiringTransport } from '../generate/index.js';
import { checkOutput, OutputFolderError, writeOutput } from '../generate/output.js';
import { EXIT, toolVersion, writeStdout } from './output.js';
import { toFileReport } from './validate.js';

export interface GenerateRunOptions {
  out: string;
  role?: Role;
  /** Also write wiring.ts over this transport. */
  transport?: WiringTransport;
  check?: boolean;
  force?: boolean;
  allowRemoteRefs?: boolean;
}

/** `specgate generate`: returns the exit code. */
export async function runGenerate(spec: string, options: GenerateRunOptions): Promise<number> {
  const result = await validateFile(spec, { keepModel: true, allowRemoteRefs: options.allowRemoteRefs });
  if (result.fatal || !result.valid || !result.model) {
    const report = toFileReport(result, true);
    await writeStdout(await formatReport('stylish', [report], { toolVersion: toolVersion(), color: colorWanted(), command: 'validate', rules: [] }));
    process.stderr.write(`specgate: ${spec} is not a valid contract; nothing generated\n`);
    return result.fatal ? EXIT.input : EXIT.findings;
  }
  let generated;
  try {
    generated = generate(result.model, { role: options.role ?? 'service', transport: options.transport });
  } catch (e) {
    if (e instanceof GenerateError) {
      process.stderr.write(`specgate: ${e.message}\n`);
      return EXIT.input;
    }
    throw e;
  }
  for (const w of generated.warnings) process.stderr.write(`warning: ${w}\n`);
  const out = options.out;
  try {
    if (options.check) {
      const c = await checkOutput(out, generated.files);
      if (c.upToDate) {
        process.stderr.write(`${out} is up to date\n`);
        return EXIT.ok;
      }
      for (const s of c.stale) process.stderr.write(`${path.join(out, s.path)}: ${s.reason}\n`);
      const again = `${options.role === 'client' ? ' --role client' : ''}${options.transport ? ` --transport ${options.transport}` : ''}`;
      process.stderr.write(`${out} is stale: run specgate generate ${spec} --out ${out}${again}\n`);
      return EXIT.findings;
    }
    // Every file validation read (the spec and what its $refs reached) is off limits to the writer.
    const w = await writeOutput(out, generated.files, { force: options.force, inputs: [...result.model.workspace.files.keys()] });
    for (const f of w.foreign) process.stderr.write(`warning: ${path.join(out, f)} was not written by specgate; left as it is\n`);
    for (const f of w.replaced) process.stderr.write(`warning: ${path.join(out, f)} was not written by specgate; replaced (--force)\n`);
    process.stderr.write(
      `generated ${w.written.length} files for ${generated.name} (${options.role ?? 'service'} side) in ${out}${w.removed.length ? `, removed ${w.removed.length} obsolete` : ''}\n`,
    );
    return EXIT.ok;
  } catch (e) {
    if (e instanceof OutputFolderError) {
      process.stderr.write(`specgate: ${e.message}\n`);
      return EXIT.input;
    }
    throw e;
  }
}
