import { Command, Option } from 'commander';
import { basename, resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { historyPath } from '../../pipeline/history.js';
import { exportForTeams, OUTSIDE_AREAS } from '../../pipeline/export.js';
import { loadAreaMap } from '../../pipeline/inputs.js';
import { formatsHelp, parseFormatList } from '../../pipeline/outputs.js';
import { UserError } from '../../util/errors.js';

interface ExportFlags {
  by: 'wijk' | 'buurt' | 'stadsdeel' | 'area';
  lang: 'nl' | 'en';
  includeDwellings?: boolean;
  out: string;
  db?: string;
  run?: string;
  format: string;
  areas?: string;
  areaField?: string;
}

/** `hotspots export --by wijk`: one Excel-friendly CSV (and with --format html a page) per area for the gebiedsteams. */
export function exportCommand(ctx: CommandContext): Command {
  return new Command('export')
    .summary('one CSV per wijk, buurt, stadsdeel or area for the gebiedsteams (from the history)')
    .description(
      'Writes the hotspots of a run (default: the latest) per area: UTF-8 with BOM, ";" and dd-mm-jjjj, as Dutch Excel\n' +
        'expects. Dwellings (household addresses) only with --include-dwellings. Never free text or reporter data.',
    )
    .addOption(
      new Option(
        '--by <level>',
        'one file per wijk, buurt, stadsdeel, or area (the --areas map of the run, or the areas the source names; the rest in buiten-gebieden)',
      )
        .choices(['wijk', 'buurt', 'stadsdeel', 'area'])
        .default('wijk'),
    )
    .addOption(new Option('--lang <lang>', 'header and value language').choices(['nl', 'en']).default('nl'))
    .option('--include-dwellings', 'include dwelling hotspots (household addresses)')
    .option('--out <dir>', 'output folder', 'gebiedsteams')
    .option('--run <n>', 'run number (default: the latest)')
    .option('--db <file>', 'history file (default $HOTSPOTS_DB or ./hotspots.sqlite)')
    .option('--format <list>', `comma-separated: ${formatsHelp('export')}`, 'csv')
    .option(
      '--areas <file>',
      'outlines for the area pages: the --areas map the run was screened with (--by area), or a map of buurten or wijken (matched by CBS code or name)',
    )
    .option('--area-field <name[,code]>', 'properties holding the area name (and code) in --areas')
    .action(async (flags: ExportFlags) => {
      const { io } = ctx;
      const run = flags.run === undefined ? undefined : Number(flags.run);
      if (run !== undefined && (!Number.isInteger(run) || run < 1)) throw new UserError(`--run: "${flags.run}" is not a run number`);
      const r = await exportForTeams({
        dbPath: historyPath(io.cwd, io.env, flags.db),
        outDir: resolve(io.cwd, flags.out),
        by: flags.by,
        lang: flags.lang,
        includeDwellings: !!flags.includeDwellings,
        ...(run !== undefined ? { run } : {}),
        formats: parseFormatList(flags.format, 'export') as Array<'csv' | 'html'>,
        ...(flags.areas ? { areaMap: loadAreaMap(io.cwd, flags.areas, flags.areaField) } : {}),
      });
      for (const f of r.files) io.stdout.write(`${f.path}  ${f.rows} row(s)\n`);
      const left = r.leftOutDwellings > 0 ? `; ${r.leftOutDwellings} dwelling(s) left out (use --include-dwellings)` : '';
      io.stdout.write(`run ${r.runId}: ${r.files.length} file(s)${left}\n`);
      if (
        flags.by === 'area' &&
        r.files.length > 0 &&
        r.files.every((f) => basename(f.path).startsWith(`${OUTSIDE_AREAS}_`)) &&
        r.files[0]
      ) {
        io.stdout.write(
          `note: run ${r.runId} knows no areas, so every place is in ${basename(r.files[0]!.path)}; screen with --areas FILE (or a mapping's fields.area), or export --by wijk\n`,
        );
      }
    });
}
