import { Command } from 'commander';
import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { inputOptions, type InputFlags } from '../options.js';
import { ingestSettings, maxRejectRate } from '../ingest-flags.js';
import { colourFor, formatIngestSummary } from '../present.js';
import { EXIT } from '../exit-codes.js';
import { rejectsPathIn, runIngest, summaryJson } from '../../pipeline/validate.js';
import { buildIngestOptions } from '../../pipeline/inputs.js';
import { ensureDir } from '../../report/write.js';

interface ScreenFlags extends InputFlags {
  out: string;
  json?: boolean;
}

/** `hotspots screen FILE...`: the main job. */
export function screenCommand(ctx: CommandContext): Command {
  const cmd = new Command('screen')
    .summary('screen exports into hotspot candidates (the main job)')
    .argument('<files...>', 'CSV exports')
    .option('--out <dir>', 'output folder', 'hotspots-out')
    .option('--json', 'print the run summary as JSON on stdout');
  for (const o of inputOptions()) cmd.addOption(o);
  return cmd.action(async (files: string[], flags: ScreenFlags) => {
    const { io } = ctx;
    const options = buildIngestOptions(ingestSettings(flags, io));
    const outDir = resolve(io.cwd, flags.out);
    ensureDir(outDir);
    const result = await runIngest({ ...options, files, maxRejectRate: maxRejectRate(flags), rejectsPath: rejectsPathIn(outDir) });
    if (flags.json) io.stdout.write(`${JSON.stringify(summaryJson(result), null, 2)}\n`);
    else io.stdout.write(formatIngestSummary(result, colourFor(io.stdout, io.env)));
    ctx.exitCode = result.overThreshold ? EXIT.dataProblems : EXIT.ok;
  });
}
