#!/usr/bin/env node
// Checks `hotspots effect` against the generator's known truth over several seeds: each planted
// public-space hotspot gets an aanpak recorded at a date where its planted rate changes (or does
// not), and the script counts how often effect's 95 % interval says what was planted:
//   former      active the first half, then silent: an aanpak at the midpoint must show a fall;
//   stopped     silent from its stop week (4-6 weeks before the end): an aanpak then must show a fall;
//   persistent  the same rate throughout: an aanpak at the midpoint must hold 1 (a placebo), and the
//               ring must not show displacement (nothing moved; judged as the sentence does).
// Usage: npm run effect-check [-- --seeds 1,2,3,4,5,20251 --json]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scenarioArgs, writeScenario } from '../build/scenario/write.js';

const { values } = parseArgs({ options: { seeds: { type: 'string' }, json: { type: 'boolean' } } });
const seeds = (values.seeds ?? '1,2,3,4,5,20251').split(',').map(Number);
const env = { ...process.env, HOTSPOTS_PSEUDONYM_KEY: 'effect-check-key-0123456789', NO_COLOR: '1' };
const WEEK_MS = 7 * 86_400_000;

function cli(args) {
  const r = spawnSync(process.execPath, ['bin/hotspots.js', ...args], { env, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0 && r.status !== 3) throw new Error(`hotspots ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const date = (ms) => new Date(ms + 12 * 3_600_000).toISOString().slice(0, 10);
const tally = { former: [0, 0], stopped: [0, 0], persistent: [0, 0], 'persistent ring': [0, 0] };
const rows = [];
for (const seed of seeds) {
  const dir = mkdtempSync(join(tmpdir(), 'hotspots-effect-'));
  const truth = await writeScenario(dir, { seed });
  const db = join(dir, 'h.sqlite');
  const screened = JSON.parse(cli(['screen', ...scenarioArgs(dir, truth), '--out', join(dir, 'out'), '--db', db, '--json']));
  const startMs = Date.parse(truth.period.from);
  for (const h of truth.hotspots.filter((x) => x.kind === 'public-space' && ['former', 'stopped', 'persistent'].includes(x.pattern))) {
    const found = screened.hotspots.find((s) => Math.hypot(s.centroid.x - h.x, s.centroid.y - h.y) < 100);
    if (!found) continue;
    const week = h.pattern === 'stopped' ? h.stopWeek : 52;
    cli(['assess', found.key, '--status', 'aanpak', '--since', date(startMs + week * WEEK_MS), '--db', db, '--now', truth.now]);
    const e = JSON.parse(cli(['effect', found.key, '--db', db, '--json'])).effects[0];
    if (!e.treated) continue;
    const fell = e.treated.rateRatio.hi < 1;
    const holdsOne = e.treated.rateRatio.lo <= 1 && e.treated.rateRatio.hi >= 1;
    const ok = h.pattern === 'persistent' ? holdsOne : fell;
    tally[h.pattern][0] += ok ? 1 : 0;
    tally[h.pattern][1]++;
    if (h.pattern === 'persistent') {
      const quietRing = !(e.ringRelativeToCity.lo > 1 && e.ring.rateRatio.lo > 1); // as the sentence judges it
      tally['persistent ring'][0] += quietRing ? 1 : 0;
      tally['persistent ring'][1]++;
    }
    rows.push({
      seed,
      planted: h.id,
      pattern: h.pattern,
      key: found.key,
      weeks: e.weeks,
      ratio: e.treated.rateRatio,
      ring: e.ringRelativeToCity,
      ok,
    });
  }
  rmSync(dir, { recursive: true, force: true });
}

if (values.json) console.log(JSON.stringify({ seeds, tally, rows }, null, 2));
else {
  console.log('| seed | planted | pattern | key | weeks before/after | factor (95 %) | ring vs city | as planted |');
  console.log('|---:|---|---|---|---:|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.seed} | ${r.planted} | ${r.pattern} | ${r.key} | ${r.weeks.before}/${r.weeks.after} | ${r.ratio.ratio.toFixed(2)} (${r.ratio.lo.toFixed(2)}-${r.ratio.hi.toFixed(2)}) | ${r.ring.ratio.toFixed(2)} (${r.ring.lo.toFixed(2)}-${r.ring.hi.toFixed(2)}) | ${r.ok ? 'yes' : 'NO'} |`,
    );
  console.log();
  for (const [k, [ok, n]] of Object.entries(tally)) console.log(`${k}: ${ok} of ${n} as planted`);
}
