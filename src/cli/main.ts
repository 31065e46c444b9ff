import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import type { Io } from './io.js';
import { nodeIo } from './io.js';
import type { CommandContext } from './context.js';
import { COMMANDS } from './commands/index.js';
import { colourFor, formatUserError } from './present.js';
import { EXIT } from './exit-codes.js';
import { Interrupted, isUserError, SIGNAL_NUMBERS, type StopSignal } from '../util/errors.js';
import { escapeControls } from '../util/text.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Builds the program with every command of the registry, writing to the io port. */
export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('hotspots')
    .description('Screen exported nuisance reports (overlastmeldingen) into explained hotspot candidates.')
    .version(version(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(escapeControls(s)),
    })
    .exitOverride();
  for (const make of COMMANDS) program.addCommand(adapt(make(ctx), ctx));
  return program;
}

/** Routes a command's (and its subcommands') output to the io port and errors to exit codes. */
function adapt(cmd: Command, ctx: CommandContext): Command {
  cmd
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.stdout.write(s), writeErr: (s) => ctx.io.stderr.write(escapeControls(s)) })
    .showHelpAfterError('(run with --help for usage)');
  for (const sub of cmd.commands) adapt(sub, ctx);
  return cmd;
}

/**
 * Runs the CLI in-process and returns the exit code: 0 ok, 1 data problems over the threshold,
 * 2 could not run (usage, config, I/O, or a bug). Never calls process.exit.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const ctx: CommandContext = { io, exitCode: EXIT.ok };
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    return reportError(err, io);
  }
}

function reportError(err: unknown, io: Io): number {
  if (err instanceof Interrupted) {
    io.stderr.write(`${err.message}: stopped cleanly; no output files were replaced and the history is unchanged\n`);
    return err.exitCode;
  }
  if (err instanceof CommanderError) {
    // help and version "errors" are successful exits; commander already printed the message
    return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT.ok : EXIT.couldNotRun;
  }
  if (isUserError(err)) {
    io.stderr.write(formatUserError(err, colourFor(io.stderr, io.env)));
    return EXIT.couldNotRun;
  }
  const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
  io.stderr.write(`internal error (a bug in hotspots; please report it with the command you ran):\n${escapeControls(stack)}\n`);
  return EXIT.couldNotRun;
}

/** Entry point of bin/hotspots.js: real streams, quiet exit 0 on a broken pipe (`| head`). */
export async function run(): Promise<void> {
  const onPipeError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.ok);
    throw err;
  };
  process.stdout.on('error', onPipeError);
  process.stderr.on('error', onPipeError);
  // A signal stops the run at its next safe point; the run removes what it staged and rolls the
  // history back, then exits 128 + n. A second signal exits at once.
  const stop = new AbortController();
  for (const sig of Object.keys(SIGNAL_NUMBERS) as StopSignal[]) {
    process.on(sig, () => {
      if (stop.signal.aborted) process.exit(128 + SIGNAL_NUMBERS[sig]);
      stop.abort(new Interrupted(sig));
    });
  }
  process.exitCode = await main(process.argv.slice(2), nodeIo(stop.signal));
}
