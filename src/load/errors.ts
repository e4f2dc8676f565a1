/**
 * An input or usage problem that stops the run: unreadable file, not a spec, bad YAML, bad flag.
 * Reported as one line (`file:line:col: message`) with exit code 2, never a stack trace.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** `file:line:col: message`, or as much of it as is known. */
  toLine(): string {
    const where = this.file ? [this.file, this.line, this.column].filter((x) => x !== undefined).join(':') : '';
    return where ? `${where}: ${this.message}` : this.message;
  }
}
