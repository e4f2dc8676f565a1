import type { FileReport, ReportContext } from './types.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'codeclimate', 'checkstyle', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export { summaryLine } from './summary.js';
export type { FileReport, ReportContext, RuleInfo } from './types.js';
export { INPUT_ERROR_RULE, INPUT_ERROR_RULE_INFO, INTERNAL_ERROR_RULE, INTERNAL_ERROR_RULE_INFO, internalErrorMessage, UNKNOWN_IGNORE_RULE, UNKNOWN_IGNORE_RULE_INFO } from './types.js';

/** Format file results; each formatter is loaded only when used. */
export async function formatReport(format: Format, files: FileReport[], ctx: ReportContext): Promise<string> {
  switch (format) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish(files, ctx);
    case 'json':
      return (await import('./json.js')).formatJson(files);
    case 'sarif':
      return (await import('./sarif.js')).formatSarif(files, ctx);
    case 'junit':
      return (await import('./junit.js')).formatJunit(files, ctx);
    case 'github':
      return (await import('./github.js')).formatGithub(files);
    case 'codeclimate':
      return (await import('./codeclimate.js')).formatCodeclimate(files);
    case 'checkstyle':
      return (await import('./checkstyle.js')).formatCheckstyle(files);
    case 'markdown':
      return (await import('./markdown.js')).formatMarkdown(files, ctx);
  }
}
