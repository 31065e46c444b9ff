import type { Io } from './io.js';
import { parseBBoxFlag, parseDelimiter, parseJobs, parseNow, parseRate, parseTimeZone, type InputFlags } from './options.js';
import type { InputSettings } from '../pipeline/inputs.js';

/** Flags shared by every reading command -> pipeline settings (validated, with clear errors). */
export function ingestSettings(flags: InputFlags, io: Io): InputSettings {
  return {
    cwd: io.cwd,
    env: io.env,
    nowMs: parseNow(flags.now, io.now).getTime(),
    ...(flags.map?.length ? { mapFiles: flags.map } : {}),
    profile: flags.profile as InputSettings['profile'],
    ...(flags.encoding ? { encoding: flags.encoding } : {}),
    ...(flags.delimiter ? { delimiter: parseDelimiter(flags.delimiter) } : {}),
    ...(flags.bbox ? { bbox: parseBBoxFlag(flags.bbox) } : {}),
    ...(flags.keyFile ? { keyFile: flags.keyFile } : {}),
    ...(flags.sheet ? { sheet: flags.sheet } : {}),
    ...(flags.tz ? { timeZone: parseTimeZone(flags.tz) } : {}),
    ...(flags.jobs !== undefined ? { jobs: parseJobs(flags.jobs) } : {}),
  };
}

export function maxRejectRate(flags: InputFlags): number {
  return parseRate(flags.maxRejectRate);
}
