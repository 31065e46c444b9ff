/** Where in a user's file a problem is: `file:line:column`, plus an optional field name. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  field?: string;
}

/** Formats a location as `file:line:column` (parts that are unknown are left out). */
export function formatLocation(loc: SourceLocation): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) s += `:${loc.column}`;
  return s;
}

/** One problem in a user's file (config, mapping, rules). Many are collected before failing. */
export interface Problem extends SourceLocation {
  message: string;
  hint?: string;
}

/**
 * Something the user can fix: a missing file, a bad flag, an invalid mapping or rules file.
 * The CLI prints it without a stack and exits 2. Anything else that is thrown is a bug.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly hint: string | undefined;
  readonly problems: Problem[];
  readonly location: SourceLocation | undefined;
  constructor(message: string, opts: { hint?: string; location?: SourceLocation; problems?: Problem[] } = {}) {
    super(message);
    this.hint = opts.hint;
    this.location = opts.location;
    this.problems = opts.problems ?? [];
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** Renders a problem as one line: `file:line:col field: message. Hint: ...` */
export function formatProblem(p: Problem): string {
  const where = formatLocation(p);
  const field = p.field ? ` ${p.field}:` : '';
  const hint = p.hint ? ` Hint: ${p.hint}` : '';
  return `${where}${field} ${p.message}${hint}`;
}

/** Signal numbers of the signals a run stops on (exit code 128 + n). */
export const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
export type StopSignal = keyof typeof SIGNAL_NUMBERS;

/** A run stopped by a signal: it cleaned up and exits 128 + the signal's number. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(readonly signal: StopSignal) {
    super(`stopped by ${signal}`);
  }
  get exitCode(): number {
    return 128 + SIGNAL_NUMBERS[this.signal];
  }
}
