#!/usr/bin/env node
// npm run fuzz: feeds mutated exports (random bytes, cut quotes, mixed encodings, 1 MB fields,
// shuffled and duplicated columns, BOMs in the middle, truncation, ...) through validate and screen,
// and checks that there is never an internal error and that every count adds up.
// Usage: npm run fuzz [-- --cases 10000 --seed 1]
import { parseArgs } from 'node:util';
import { fuzz, fuzzBases } from '../build/scenario/fuzz.js';

const { values } = parseArgs({ options: { cases: { type: 'string' }, seed: { type: 'string' } } });
const cases = Number(values.cases ?? 10_000);
const seed = Number(values.seed ?? 1);
const started = Date.now();
const { runs, failures, codes } = await fuzz(fuzzBases(process.cwd()), cases, seed);
for (const f of failures.slice(0, 30)) console.log(`FAIL ${f.command} ${f.mutation} on ${f.base}: ${f.problem} (kept ${f.file})`);
console.log(
  Object.entries(codes)
    .sort()
    .map(([k, n]) => `${k}: ${n}`)
    .join(', '),
);
console.log(
  `${cases.toLocaleString('en-US')} cases, ${runs.toLocaleString('en-US')} runs in ${((Date.now() - started) / 1000).toFixed(1)} s: ${failures.length} failure(s)`,
);
process.exitCode = failures.length > 0 ? 1 : 0;
