#!/usr/bin/env node
// npm run bench: generates ~100k and ~1M report exports and times the real binary end to end
// (ingest -> score -> cluster -> history -> report), printing rows/s, wall time, peak RSS and the
// share of each stage. Not a test: numbers depend on the machine.
// Usage: npm run bench [-- --sizes 100000,1000000 --keep]
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeScenario } from '../dist/scenario/write.js';

const { values } = parseArgs({ options: { sizes: { type: 'string' }, keep: { type: 'boolean' } } });
const sizes = (values.sizes ?? '100000,1000000').split(',').map(Number);
const ROWS_PER_SCALE = 4519; // both exports of the scenario at scale 1
const root = mkdtempSync(join(tmpdir(), 'hotspots-bench-'));
const env = { ...process.env, HOTSPOTS_PSEUDONYM_KEY: 'bench-key-0123456789abcdef', NO_COLOR: '1' };

function run(label, args, rows) {
  const rssFile = join(root, 'rss');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', './scripts/rss-report.mjs', 'bin/hotspots.js', ...args], {
    env: { ...env, BENCH_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 64 << 20,
  });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${label} failed (${r.status}): ${r.stderr}`);
  const rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  const timings = /timings (\{.*\})/.exec(r.stderr);
  return { label, rows, wallS, rowsPerS: rows / wallS, rssMiB, stages: timings ? JSON.parse(timings[1]) : null };
}

const results = [];
for (const target of sizes) {
  const dir = join(root, String(target));
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const truth = await writeScenario(dir, { seed: 99, scale: target / ROWS_PER_SCALE });
  const rows = truth.rows.gemeente + truth.rows.politie;
  console.error(`generated ${rows.toLocaleString('en-US')} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const files = [join(dir, 'meldingen.csv'), join(dir, 'politie-export.csv'), '--map', 'fixtures/demo/politie.mapping.yaml', '--now', truth.now];
  results.push(run('validate', ['validate', ...files, '--json'], rows));
  results.push(run('screen', ['screen', ...files, '--out', join(dir, 'out'), '--format', 'csv,json,geojson,html', '--db', join(dir, 'history.sqlite'), '--timings'], rows));
}

console.log('| command | rows | wall s | rows/s | peak RSS MiB |');
console.log('|---|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.label} | ${r.rows.toLocaleString('en-US')} | ${r.wallS.toFixed(1)} | ${Math.round(r.rowsPerS).toLocaleString('en-US')} | ${r.rssMiB.toFixed(0)} |`);
}
const staged = results.filter((r) => r.stages);
if (staged.length > 0) {
  console.log('\nscreen stages (seconds, share of the stages):');
  console.log('| rows | ' + Object.keys(staged[0].stages).join(' | ') + ' |');
  console.log('|---:|' + Object.keys(staged[0].stages).map(() => '---:').join('|') + '|');
  for (const r of staged) {
    const total = Object.values(r.stages).reduce((a, b) => a + b, 0);
    console.log(`| ${r.rows.toLocaleString('en-US')} | ` + Object.values(r.stages).map((ms) => `${(ms / 1000).toFixed(1)} (${Math.round((ms / total) * 100)} %)`).join(' | ') + ' |');
  }
}
if (!values.keep) rmSync(root, { recursive: true, force: true });
else console.error(`kept ${root}`);
