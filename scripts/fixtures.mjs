#!/usr/bin/env node
// Writes the demo scenario: fixtures/demo/{meldingen.csv, politie-export.csv, truth.json}.
// Usage: npm run fixtures [-- --seed N --scale S --out DIR]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeScenario } from '../build/scenario/write.js';

const { values } = parseArgs({ options: { seed: { type: 'string' }, scale: { type: 'string' }, out: { type: 'string' } } });
const out = values.out ?? 'fixtures/demo';
mkdirSync(out, { recursive: true });
const truth = await writeScenario(out, { seed: Number(values.seed ?? 20251), scale: Number(values.scale ?? 1) });
console.log(
  `wrote ${join(out, 'meldingen.csv')} (${truth.rows.gemeente} rows), ${join(out, 'politie-export.csv')} (${truth.rows.politie} rows), truth.json`,
);
