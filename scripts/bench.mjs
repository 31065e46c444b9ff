#!/usr/bin/env node
// npm run bench: generates ~100k and ~1M report exports and times the real binary end to end
// (ingest -> score -> cluster -> history -> report), printing rows/s, wall time, CPU time, peak RSS and the
// share of each stage; screens once with worker threads (the default) and once on one thread
// (--jobs 0) and checks the files are byte-identical. Not a test: numbers depend on the machine.
// The main screen of each size (and of the demo) runs --repeat times (default 3) and is reported
// as the median with the range: on a shared machine one run can be 10 % off either way.
// Usage: npm run bench [-- --sizes 100000,1000000 --repeat 3 --keep]
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scenarioArgs, writeScenario } from '../build/scenario/write.js';
import { DEMO_SCREEN } from './demo.mjs';

const { values } = parseArgs({ options: { sizes: { type: 'string' }, repeat: { type: 'string' }, keep: { type: 'boolean' } } });
const sizes = (values.sizes ?? '100000,1000000').split(',').map(Number);
const repeat = Math.max(1, Number(values.repeat ?? 3));
const ROWS_PER_SCALE = 4519; // both exports of the scenario at scale 1
const root = mkdtempSync(join(tmpdir(), 'hotspots-bench-'));
const env = { ...process.env, HOTSPOTS_PSEUDONYM_KEY: 'bench-key-0123456789abcdef', NO_COLOR: '1' };

function run(label, args, rows) {
  const rssFile = join(root, 'rss');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', './scripts/rss-report.mjs', 'bin/hotspots.js', ...args], {
    env: { ...env, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${label} failed (${r.status}): ${r.stderr}`);
  const used = JSON.parse(readFileSync(rssFile, 'utf8'));
  const rssMiB = used.maxRssKiB / 1024;
  const timings = /timings (\{.*\})/.exec(r.stderr);
  return { label, rows, wallS, cpuS: used.cpuS, rowsPerS: rows / wallS, rssMiB, stages: timings ? JSON.parse(timings[1]) : null };
}

/**
 * Runs a command `repeat` times, one after the other (`argsOf(k)`: the arguments of run k, each into
 * its own output folder and history): the run of median wall time, with the range of wall times
 * and of peak memory over all runs (`runs`).
 */
function repeated(label, argsOf, rows, times = repeat) {
  const all = Array.from({ length: times }, (_, k) => run(label, argsOf(k), rows));
  const byWall = [...all].sort((a, b) => a.wallS - b.wallS);
  const median = byWall[times >> 1]; // the middle run; of an even number, the slower of the two middle ones
  const range = (f) => [Math.min(...all.map(f)), Math.max(...all.map(f))];
  return {
    ...median,
    label: times > 1 ? `${label} (median of ${times})` : label,
    runs: { wallS: range((r) => r.wallS), rssMiB: range((r) => r.rssMiB) },
  };
}

/**
 * The floor to measure against: a bare quote-aware byte tokenizer pass over the same files (count
 * records and fields, decode nothing), timed in this process.
 */
async function bareTokenizerPass(paths, rows) {
  const start = process.hrtime.bigint();
  let records = 0,
    fields = 0;
  for (const path of paths) {
    let quoted = false;
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (b === 34) quoted = !quoted;
        else if (!quoted && (b === 44 || b === 59)) fields++;
        else if (!quoted && b === 10) {
          records++;
          fields++;
        }
      }
    }
  }
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    label: `bare tokenizer pass (${records.toLocaleString('en-US')} records, ${fields.toLocaleString('en-US')} fields)`,
    rows,
    wallS,
    cpuS: null,
    rowsPerS: rows / wallS,
    rssMiB: process.memoryUsage().rss / 2 ** 20,
    stages: null,
  };
}

/**
 * Checks the ingest at scale against the reader it replaced: csv-parse (a dev dependency kept as the
 * reference) and CsvTokenizer must give the same records, cells and start lines for the big export.
 */
async function compareWithCsvParse(path) {
  const { parse } = await import('csv-parse');
  const { CsvTokenizer } = await import('../dist/ingest/tokenize.js');
  const digest = () => createHash('sha256');
  const ours = digest(),
    theirs = digest();
  let nOurs = 0,
    nTheirs = 0;
  const tok = new CsvTokenizer(',');
  const decoder = new TextDecoder('utf-8');
  const feed = (out) => {
    for (const r of out.rows) {
      nOurs++;
      ours.update(`${r.line}\u0001${r.cells.join('\u0002')}\n`);
    }
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) feed(tok.push(decoder.decode(chunk, { stream: true })));
  feed(tok.push(decoder.decode(), true));
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (cells, ctx) => ({ line: ctx.lines - cells.reduce((n, c) => n + (c.split('\n').length - 1), 0), cells }),
    }),
  );
  for await (const r of parser) {
    nTheirs++;
    theirs.update(`${r.line}\u0001${r.cells.join('\u0002')}\n`);
  }
  const same = nOurs === nTheirs && ours.digest('hex') === theirs.digest('hex');
  return `${path.split('/').pop()}: ${nOurs.toLocaleString('en-US')} records; CsvTokenizer and csv-parse ${same ? 'agree on every record, cell and line' : 'DIFFER'}`;
}

/** The screening read by worker threads must write exactly the files one thread writes. */
function compareOutputs(a, b) {
  const names = [
    'screening.json',
    'rejects.csv',
    'hotspots.csv',
    'hotspot-reports.csv',
    'hotspots.geojson',
    'hotspot-areas.geojson',
    'density.geojson',
    'report.html',
  ];
  const differ = names.filter((n) => !readFileSync(join(a, n)).equals(readFileSync(join(b, n))));
  return differ.length === 0
    ? `screen with worker threads and with one thread: ${names.join(', ')} byte-identical`
    : `screen with worker threads and with one thread DIFFER in ${differ.join(', ')}`;
}

const results = [];
const comparisons = [];
for (const target of sizes) {
  const dir = join(root, String(target));
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const truth = await writeScenario(dir, { seed: 99, scale: target / ROWS_PER_SCALE });
  const rows = truth.rows.gemeente + truth.rows.politie;
  console.error(`generated ${rows.toLocaleString('en-US')} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const files = scenarioArgs(dir, truth);
  results.push(await bareTokenizerPass([files[0], files[1]], rows));
  results.push(run('validate', ['validate', ...files, '--json'], rows));
  const screenArgs = (name) => [
    'screen',
    ...files,
    '--out',
    join(dir, name),
    '--format',
    'csv,json,geojson,html',
    '--db',
    join(dir, `${name}.sqlite`),
    '--timings',
  ];
  results.push(repeated('screen', (k) => screenArgs(k === 0 ? 'out' : `out-${k + 1}`), rows));
  // The same inputs again into the same history: the run is replaced, every place matched to its key.
  results.push(
    run('screen again (same history)', [...screenArgs('out-again').slice(0, -3), '--db', join(dir, 'out.sqlite'), '--timings'], rows),
  );
  // Monthly screenings into one history: the third judges the first two lists on the weeks after
  // them (list accuracy) and reads their weekly counts for its trends, as a cron job's runs do.
  const monthly = (to) => [...screenArgs(`out-to-${to}`).slice(0, -3), '--db', join(dir, 'monthly.sqlite'), '--to', to, '--timings'];
  for (const to of ['2026-09-01', '2026-10-01']) run('screen, an earlier month', monthly(to), rows);
  results.push(run('screen, third month into one history', monthly('2026-11-01'), rows));
  results.push(run('screen --jobs 0 (one thread)', [...screenArgs('out-one-thread'), '--jobs', '0'], rows));
  comparisons.push(await compareWithCsvParse(files[0]));
  comparisons.push(compareOutputs(join(dir, 'out'), join(dir, 'out-one-thread')));
}

// The demo (fixtures/demo, as in the README's examples): what an analyst's first run costs.
const demoOut = (k) => join(root, `demo-${k + 1}`);
const demo = repeated(
  'screen, the demo',
  (k) => [...DEMO_SCREEN, '--out', demoOut(k), '--format', 'csv,json,geojson,html', '--db', `${demoOut(k)}.sqlite`, '--timings'],
  0,
);
const demoRows = JSON.parse(readFileSync(join(demoOut(0), 'screening.json'), 'utf8')).run.inputs.reduce((n, i) => n + i.read, 0);
results.push({ ...demo, rows: demoRows, rowsPerS: demoRows / demo.wallS, bare: null });

/**
 * Issue 11's targets on this project's 2-core machine, checked against the rows they are set for:
 * screen 1M in 10 s and 500 MB (10^6 bytes), validate 1M in 6 s, screen 100k in 1.5 s, the demo
 * under 1 s. A repeated run is judged by its median and by every run.
 */
function targetLines(rows) {
  const MB = 1e6 / 2 ** 20; // MiB per MB
  const near = (n, size) => n >= size * 0.9 && n <= size * 1.1;
  /** met, met by the median run only, or NOT met: `ok` of the median run's figure and of the worst run's. */
  const verdictOf = (ok, median, worst) => (ok(worst) ? 'met' : ok(median) ? 'met by the median run, not by every run' : 'NOT met');
  const judge = (what, r, wallMax, rssMaxMB) => {
    const wall = verdictOf((w) => w <= wallMax, r.wallS, r.runs ? r.runs.wallS[1] : r.wallS);
    const limits = `${wallMax} s${rssMaxMB === undefined ? '' : ` and ${rssMaxMB} MB (${(rssMaxMB * MB).toFixed(0)} MiB)`}`;
    if (rssMaxMB === undefined) return `target: ${what} in ${limits}: ${wall}`;
    const rss = verdictOf((m) => m <= rssMaxMB * MB, r.rssMiB, r.runs ? r.runs.rssMiB[1] : r.rssMiB);
    const both = wall === rss ? wall : wall === 'NOT met' || rss === 'NOT met' ? 'NOT met' : 'met by the median run, not by every run';
    const range = (v, runs, digits, unit) => `${withRange(v, runs, digits)} ${unit}`;
    return `target: ${what} in ${limits}: ${both} (time ${wall}: ${range(r.wallS, r.runs?.wallS, 1, 's')}; memory ${rss}: ${range(r.rssMiB, r.runs?.rssMiB, 0, 'MiB')})`;
  };
  const lines = [];
  for (const r of rows) {
    if (r.label.startsWith('screen (') || r.label === 'screen') {
      if (near(r.rows, 1_000_000)) lines.push(judge('screen 1M', r, 10, 500));
      if (near(r.rows, 100_000)) lines.push(judge('screen 100k', r, 1.5));
    }
    if (r.label === 'validate' && near(r.rows, 1_000_000)) lines.push(judge('validate 1M', r, 6));
    if (r.label.startsWith('screen, the demo')) lines.push(judge("the demo's screen", r, 1));
  }
  return lines;
}

/** A figure with its range over repeated runs: "9.4 (9.1-10.2)". */
const withRange = (value, range, digits) =>
  range && range[1] - range[0] >= 0.5 * 10 ** -digits
    ? `${value.toFixed(digits)} (${range[0].toFixed(digits)}-${range[1].toFixed(digits)})`
    : value.toFixed(digits);

console.log('| command | rows | wall s | x bare pass | CPU s | rows/s | peak RSS MiB |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
let bare = 1;
for (const r of results) {
  if (r.label.startsWith('bare')) bare = r.wallS;
  const ratio = r.bare === null ? '' : (r.wallS / bare).toFixed(1);
  console.log(
    `| ${r.label} | ${r.rows.toLocaleString('en-US')} | ${withRange(r.wallS, r.runs?.wallS, 1)} | ${ratio} | ${r.cpuS === null ? '' : r.cpuS.toFixed(1)} | ${Math.round(r.rowsPerS).toLocaleString('en-US')} | ${withRange(r.rssMiB, r.runs?.rssMiB, 0)} |`,
  );
}
for (const c of comparisons) console.log(c);
for (const line of targetLines(results)) console.log(line);
const staged = results.filter((r) => r.stages);
if (staged.length > 0) {
  console.log('\nscreen stages (seconds, share of the stages):');
  console.log(`| run | rows | ${Object.keys(staged[0].stages).join(' | ')} |`);
  console.log(
    '|---|---:|' +
      Object.keys(staged[0].stages)
        .map(() => '---:')
        .join('|') +
      '|',
  );
  for (const r of staged) {
    const total = Object.values(r.stages).reduce((a, b) => a + b, 0);
    console.log(
      `| ${r.label} | ${r.rows.toLocaleString('en-US')} | ` +
        Object.values(r.stages)
          .map((ms) => `${(ms / 1000).toFixed(1)} (${Math.round((ms / total) * 100)} %)`)
          .join(' | ') +
        ' |',
    );
  }
}
if (!values.keep) rmSync(root, { recursive: true, force: true });
else console.error(`kept ${root}`);
