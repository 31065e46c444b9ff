#!/usr/bin/env node
// A year of weekly cron runs over the generated scenario: each Monday, screen the trailing
// 26 weeks and keep the run in a history; then compare every planted public-space hotspot's
// trend category with its planted pattern. Usage: npm run build && node scripts/cron-sim.mjs [--seed N]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeScenario } from '../build/scenario/write.js';
import { simulateCron, trendHitRate } from '../build/scenario/cron.js';
import { buildIngestOptions, loadRulesFile } from '../dist/pipeline/inputs.js';

const { values } = parseArgs({ options: { seed: { type: 'string' }, runs: { type: 'string' }, every: { type: 'string' } } });
const dir = mkdtempSync(join(tmpdir(), 'hotspots-cron-'));
const truth = await writeScenario(dir, { seed: Number(values.seed ?? 20251) });
const env = { HOTSPOTS_PSEUDONYM_KEY: 'cron-sim-key-0123456789' };
const started = Date.now();
const trends = await simulateCron({
  base: {
    ...buildIngestOptions({ cwd: process.cwd(), env, nowMs: Date.parse(truth.now), mapFiles: ['fixtures/demo/politie.mapping.yaml'] }),
    files: [join(dir, 'meldingen.csv'), join(dir, 'politie-export.csv')],
    rules: loadRulesFile(process.cwd()),
    maxRejectRate: 1,
  },
  dbPath: join(dir, 'history.sqlite'),
  lastRun: { year: 2026, month: 11, day: 23 },
  runs: Number(values.runs ?? 52),
  everyWeeks: Number(values.every ?? 1),
  windowWeeks: 26,
});
const categories = new Map([...trends.trends].map(([k, v]) => [k, v.trend.category]));
const { rows, hitRate } = trendHitRate(truth, trends.centroids, categories);
for (const r of rows)
  console.log(`${r.id} ${r.pattern.padEnd(12)} -> ${(r.key ?? '-').padEnd(8)} ${r.category.padEnd(12)} ${r.hit ? 'hit' : 'MISS'}`);
console.log(
  `${trends.runs.length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s; trend hit rate ${(hitRate * 100).toFixed(0)} % (${rows.filter((r) => r.hit).length}/${rows.length})`,
);
