import { Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { historyPath } from '../../pipeline/history.js';
import { EFFECT_WEEKS, effects, RING_M } from '../../pipeline/effect.js';
import { effectSentence, effectsJson } from '../../report/effect.js';
import { UserError } from '../../util/errors.js';

const positive = (text: string, flag: string, max: number): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UserError(`${flag}: "${text}" is not a whole number from 1 to ${max}`);
  return n;
};

/** `hotspots effect [KEY]`: did the aanpak work, or did the nuisance move around the corner? */
export function effectCommand(ctx: CommandContext): Command {
  return new Command('effect')
    .summary('the effect of an aanpak: before and after, against the rest of the city, displacement to a ring')
    .description(
      `For one key, or every key whose current status is aanpak: weekly reports in the treated area (its hull at the ` +
        `aanpak's start) over up to ${EFFECT_WEEKS} weeks before and after the start (each side as far as the history's counts go, the start's week left out), ` +
        "as a rate ratio with its exact 95 % interval and Poisson test (as R's poisson.test); the same for the rest of the municipality (same " +
        `themes) and their ratio; displacement or diffusion in a ring (default ${RING_M} m) by WDD (Wheeler & Ratcliffe 2018) ` +
        'and WDQ (Bowers & Johnson 2003). Counts come from the history (weekly counts per 25 m cell), so weeks after a ' +
        'place left the list still count.',
    )
    .argument('[key]', 'a hotspot key with an aanpak, e.g. HS-0012 (default: every place under aanpak)')
    .option('--ring <metres>', `width of the displacement ring beyond the treated area (default ${RING_M})`)
    .option('--weeks <n>', `weeks compared on each side of the start, at most (default ${EFFECT_WEEKS})`)
    .addOption(new Option('--lang <lang>', 'language of the sentences').choices(['nl', 'en']).default('nl'))
    .option('--db <file>', 'history file (default $HOTSPOTS_DB or ./hotspots.sqlite)')
    .option('--json', 'as JSON')
    .action((key: string | undefined, flags: { ring?: string; weeks?: string; lang: 'nl' | 'en'; db?: string; json?: boolean }) => {
      const { io } = ctx;
      const list = effects(historyPath(io.cwd, io.env, flags.db), {
        ...(key ? { key } : {}),
        ...(flags.ring ? { ringM: positive(flags.ring, '--ring', 5000) } : {}),
        ...(flags.weeks ? { maxWeeks: positive(flags.weeks, '--weeks', 260) } : {}),
      });
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(effectsJson(list, flags.lang), null, 2)}\n`);
        return;
      }
      if (list.length === 0) {
        io.stdout.write('no place is under aanpak; record one with: hotspots assess KEY --status aanpak --since yyyy-mm-dd\n');
        return;
      }
      for (const e of list) {
        io.stdout.write(`${e.key} ${e.place}\n  ${effectSentence(e, flags.lang)}\n`);
        if (!e.treated || !e.control || !e.ring) continue;
        const row = (name: string, a: NonNullable<typeof e.treated>) =>
          `  ${name.padEnd(9)} ${String(a.before).padStart(6)} ${String(a.after).padStart(6)}  ${a.change.ratio.toFixed(2).padStart(5)} (${a.change.lo.toFixed(2)}-${a.change.hi.toFixed(2)})  p ${a.change.p.toPrecision(2)}\n`;
        io.stdout.write(
          `  ${''.padEnd(9)} ${'before'.padStart(6)} ${'after'.padStart(6)}  ratio (95 %)         ${e.weeks.before} weeks before, ${e.weeks.after} after\n`,
        );
        io.stdout.write(row('place', e.treated) + row(`ring ${e.ringM}m`, e.ring) + row('city', e.control));
        if (e.wdd)
          io.stdout.write(
            `  WDD ${e.wdd.wdd.toFixed(1)} (SE ${e.wdd.se.toFixed(1)}, 95 % ${e.wdd.lo.toFixed(1)} to ${e.wdd.hi.toFixed(1)})${e.wdq !== undefined ? `; WDQ ${e.wdq.toFixed(2)}` : ''}\n`,
          );
      }
    });
}
