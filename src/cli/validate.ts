import { InputError } from '../load/errors.js';
import { expandInputs } from '../load/read.js';
import { refOptions, type RefFlags } from '../load/scope.js';
import { colorWanted } from '../report/color.js';
import { formatReport, INPUT_ERROR_RULE_INFO, INTERNAL_ERROR_RULE_INFO, type Format } from '../report/index.js';
import { toFileReport, validateFile, validateRules, type FileResult } from '../validate/index.js';
import { emitReport, EXIT, notice, toolVersion } from './output.js';

export interface ValidateRunOptions extends RefFlags {
  format: Format;
  quiet?: boolean;
  /** Write the report to this file; stdout gets one summary line. */
  output?: string;
  /** Longest markdown report, in characters. */
  maxChars?: number;
}

/** `specgate validate`: returns the exit code. */
export async function runValidate(inputs: string[], options: ValidateRunOptions): Promise<number> {
  let files: string[];
  let refs;
  try {
    files = await expandInputs(inputs);
    refs = refOptions(files, options);
  } catch (e) {
    if (e instanceof InputError) {
      notice(`specgate: ${e.toLine()}`);
      return EXIT.input;
    }
    throw e;
  }
  const results: FileResult[] = [];
  for (const file of files) results.push(await validateFile(file, refs));
  const reports = results.map((r) => toFileReport(r, options.quiet));
  const out = await formatReport(options.format, reports, {
    toolVersion: toolVersion(),
    color: options.output === undefined && colorWanted(),
    command: 'validate',
    maxChars: options.maxChars,
    // Every validate finding is an error: the document breaks its specification.
    rules: [...validateRules.map(({ id, description }) => ({ id, description, severity: 'error' as const })), INPUT_ERROR_RULE_INFO, INTERNAL_ERROR_RULE_INFO],
  });
  try {
    await emitReport(out, reports, options.output);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    notice(`specgate: ${e.toLine()}`);
    return EXIT.input;
  }
  if (results.some((r) => r.fatal)) return EXIT.input;
  return results.some((r) => !r.valid) ? EXIT.findings : EXIT.ok;
}

