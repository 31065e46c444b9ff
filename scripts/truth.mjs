#!/usr/bin/env node
// Checks the default rules against the generator's known truth over several seeds and export
// shapes, and prints the figures per seed:
//   split     both exports together (each report in the export of its channel), as the demo;
//   gemeente  the municipal export alone, holding every report of the city (sources: each);
//   politie   the police export alone, holding every report of the city (sources: each).
// Usage: npm run truth [-- --seeds 1,2,3,4,5 --json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeScenario } from '../build/scenario/write.js';
import { evaluateScreening } from '../build/scenario/evaluate.js';
import { runScreen } from '../dist/pipeline/screen.js';
import { buildIngestOptions, loadRulesFile } from '../dist/pipeline/inputs.js';
import { screeningJson } from '../dist/pipeline/outputs.js';

const { values } = parseArgs({ options: { seeds: { type: 'string' }, json: { type: 'boolean' } } });
const seeds = (values.seeds ?? '1,2,3,4,5,20251').split(',').map(Number);
const env = { HOTSPOTS_PSEUDONYM_KEY: 'truth-check-key-0123456789' };
const MAPPING = 'fixtures/demo/politie.mapping.yaml';

async function screen(files, nowIso) {
  const opts = buildIngestOptions({ cwd: process.cwd(), env, nowMs: Date.parse(nowIso), mapFiles: [MAPPING] });
  const { screening } = await runScreen({
    ...opts,
    files,
    rules: loadRulesFile(process.cwd()),
    maxRejectRate: 1,
    period: { openEndAtNow: true },
  });
  return screeningJson(screening).hotspots;
}

const rows = [];
for (const seed of seeds) {
  for (const sources of ['split', 'each']) {
    const dir = mkdtempSync(join(tmpdir(), 'hotspots-truth-'));
    const truth = await writeScenario(dir, { seed, sources });
    const shapes =
      sources === 'split'
        ? [['split', [join(dir, 'meldingen.csv'), join(dir, 'politie-export.csv')]]]
        : [
            ['gemeente', [join(dir, 'meldingen.csv')]],
            ['politie', [join(dir, 'politie-export.csv')]],
          ];
    for (const [shape, files] of shapes) {
      const e = evaluateScreening(truth, await screen(files, truth.now));
      rows.push({
        seed,
        shape,
        publicSpace: e.found.publicSpace,
        dwellings: e.found.dwellings,
        decoys: e.decoysAsHotspot,
        unexplained: e.unexplained.length,
        missed: e.missed,
      });
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
if (values.json) console.log(JSON.stringify(rows, null, 2));
else {
  console.log('seed      export    public space  dwellings  decoys as hotspot  unexplained  missed');
  for (const r of rows) {
    console.log(
      `${String(r.seed).padEnd(9)} ${r.shape.padEnd(9)} ${`${r.publicSpace}/15`.padStart(12)} ${`${r.dwellings}/19`.padStart(10)}  ${(r.decoys.join(',') || '-').padEnd(17)}  ${String(r.unexplained).padStart(11)}  ${r.missed.join(' ')}`,
    );
  }
}
