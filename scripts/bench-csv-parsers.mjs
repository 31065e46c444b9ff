#!/usr/bin/env node
// Parse-only throughput of CSV parsers on a generated export, to see whether csv-parse is the
// bottleneck of ingest and what replacing it would gain. The alternatives are not dependencies:
//   npm i --no-save papaparse udsv csv-parser @fast-csv/parse && node scripts/bench-csv-parsers.mjs FILE
import { createReadStream } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/bench-csv-parsers.mjs FILE.csv');
  process.exit(2);
}
const optional = async (name) => {
  try {
    return await import(name);
  } catch {
    return null;
  }
};

async function time(label, fn) {
  const t = performance.now();
  const rows = await fn();
  const s = (performance.now() - t) / 1000;
  console.log(`| ${label} | ${rows.toLocaleString('en-US')} | ${s.toFixed(2)} | ${Math.round(rows / s).toLocaleString('en-US')} |`);
}

console.log('| parser | rows | seconds | rows/s |\n|---|---:|---:|---:|');
const { parse } = await import('csv-parse');
await time('csv-parse 6 (as used: on_record with line numbers, relax options)', async () => {
  let n = 0;
  const p = createReadStream(file).pipe(
    parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, on_record: (r, c) => ({ line: c.lines, r }) }),
  );
  for await (const _ of p) n++;
  return n;
});
await time('csv-parse 6 (plain)', async () => {
  let n = 0;
  for await (const _ of createReadStream(file).pipe(parse())) n++;
  return n;
});
const papa = await optional('papaparse');
if (papa)
  await time(
    'papaparse 5 (stream, step)',
    () =>
      new Promise((resolve) => {
        let n = 0;
        papa.default.parse(createReadStream(file), {
          step: () => {
            n++;
          },
          complete: () => resolve(n),
        });
      }),
  );
const udsv = await optional('udsv');
if (udsv)
  await time('uDSV (streaming chunks)', async () => {
    let parser = null,
      n = 0;
    for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
      if (!parser) parser = udsv.initParser(udsv.inferSchema(chunk));
      parser.chunk(chunk, parser.stringArrs, () => {
        n++;
      }); // called once per row
    }
    parser.end();
    return n;
  });
const csvParser = await optional('csv-parser');
if (csvParser)
  await time('csv-parser 3 (objects)', async () => {
    let n = 0;
    for await (const _ of createReadStream(file).pipe(csvParser.default())) n++;
    return n;
  });
const fast = await optional('@fast-csv/parse');
if (fast)
  await time('@fast-csv/parse 5', async () => {
    let n = 0;
    for await (const _ of createReadStream(file).pipe(fast.parse())) n++;
    return n;
  });
