import type { DiffResult, Mode } from '../types.js';

export const DIFF_FORMATS = ['text', 'json', 'markdown', 'github', 'next-version'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffReportOptions {
  color?: boolean;
  /** `--check-version` was given: the version verdict is part of the outcome. */
  checkVersion?: boolean;
  /** `--mode`: outside `auto`, changes say the kind of data they were checked as, not their use. */
  mode?: Mode;
  /** `markdown`: the most bytes the comment may take (0: no limit); the least important changes are left out. */
  maxBytes?: number;
}

/** Format diff results (one per pair of specs); each formatter is loaded only when used. */
export async function formatDiff(format: DiffFormat, results: DiffResult[], options: DiffReportOptions = {}): Promise<string> {
  switch (format) {
    case 'text':
      return (await import('./text.js')).formatText(results, options);
    case 'json':
      return (await import('./json.js')).formatJson(results);
    case 'markdown':
      return (await import('./markdown.js')).formatMarkdown(results, options);
    case 'github':
      return (await import('./github.js')).formatGithub(results, options);
    case 'next-version':
      return (await import('./next-version.js')).formatNextVersion(results);
  }
}
