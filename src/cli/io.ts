/** What a command may touch of the outside world; tests pass fakes, `nodeIo()` the real ones. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  /** A terminal's width in characters. */
  columns?: number;
}

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock; tests and `--now` fix it so runs repeat exactly. */
  now(): Date;
  /** Aborted with an Interrupted reason when the process gets SIGINT, SIGTERM or SIGHUP. */
  signal?: AbortSignal;
}

/** The real process streams, environment and clock; `signal` aborts on SIGINT, SIGTERM, SIGHUP. */
export function nodeIo(signal?: AbortSignal): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    ...(signal ? { signal } : {}),
  };
}

/** Collects output in memory, for in-process CLI tests. */
export function memoryIo(
  opts: { env?: Record<string, string | undefined>; now?: Date; cwd?: string; tty?: boolean; columns?: number; signal?: AbortSignal } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: { write: (s: string) => out.push(s), isTTY: opts.tty ?? false, ...(opts.columns ? { columns: opts.columns } : {}) },
    stderr: { write: (s: string) => err.push(s), isTTY: opts.tty ?? false },
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    now: () => opts.now ?? new Date('2026-11-23T06:00:00+01:00'),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
