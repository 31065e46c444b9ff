import { Command } from 'commander';
import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { inputOptions, type InputFlags } from '../options.js';
import { ingestSettings, maxRejectRate } from '../ingest-flags.js';
import { colourFor, formatIngestSummary } from '../present.js';
import { EXIT } from '../exit-codes.js';
import { progressLine } from '../progress.js';
import { runIngest, summaryJson } from '../../pipeline/validate.js';
import { buildIngestOptions } from '../../pipeline/inputs.js';
import { usedMappingsYaml } from '../../pipeline/profiles.js';
import { groupedInt } from '../../util/text.js';

interface ValidateFlags extends InputFlags {
  json?: boolean;
  rejects?: string;
  printMapping?: boolean;
  sheet?: string;
}

/** `hotspots validate FILE...`: ingest only; counts, reasons, dialect, date range, themes. */
export function validateCommand(ctx: CommandContext): Command {
  const cmd = new Command('validate')
    .summary('check exports: counts, reject reasons, dialect, date range, themes')
    .description(
      'Reads the exports like `screen` does and accounts for every row: read = accepted + rejected + duplicates.\n' +
        'Exits 1 when the reject rate is over --max-reject-rate (after printing everything).',
    )
    .argument('<files...>', 'exports: CSV, Excel (.xlsx) or GeoJSON (Signalen, police, or anything with a mapping)')
    .option('--json', 'print the summary as one JSON object on stdout')
    .option('--rejects <file>', 'write rejected and duplicate rows (line, column, reason) to this CSV')
    .option('--print-mapping', 'print the mapping used for each file as a commented YAML file to edit and pass with --map');
  for (const o of inputOptions()) cmd.addOption(o);
  return cmd.action(async (files: string[], flags: ValidateFlags) => {
    const { io } = ctx;
    const options = buildIngestOptions(ingestSettings(flags, io));
    const progress = progressLine(io.stderr, !!io.stderr.isTTY && !flags.json);
    const result = await runIngest({
      ...options,
      files,
      onProgress: (file, rows) => progress.update(() => `reading ${file}: ${groupedInt(rows)} rows`),
      maxRejectRate: maxRejectRate(flags),
      omit: ['text', 'reporter'], // validate counts rows; it never looks at free text or reporters
      ...(io.signal ? { signal: io.signal } : {}),
      ...(flags.rejects ? { rejectsPath: resolve(io.cwd, flags.rejects) } : {}),
    });
    progress.done();
    if (flags.printMapping) io.stdout.write(usedMappingsYaml(result.files));
    else if (flags.json) io.stdout.write(`${JSON.stringify(summaryJson(result), null, 2)}\n`);
    else io.stdout.write(formatIngestSummary(result, colourFor(io.stdout, io.env)));
    ctx.exitCode = result.overThreshold ? EXIT.dataProblems : EXIT.ok;
  });
}
