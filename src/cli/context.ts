import type { Io } from './io.js';

/** Shared by the commands of one invocation: the io port and the exit code they set. */
export interface CommandContext {
  io: Io;
  exitCode: number;
}
