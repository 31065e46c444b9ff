import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastRecordEnd } from '../../src/ingest/read-csv.js';
import { NOW, runCli, tempDir } from '../helpers.js';
import { Random } from '../../tools/scenario/random.js';

/**
 * Reading a file in slices on worker threads must give exactly what reading it on one thread
 * gives, wherever the slices are cut: inside multi-line quoted texts, after a quote taken
 * literally in an unquoted field (the cut is guessed wrong, a worker notices, the reader reads on
 * itself), with CRLF or CR line ends, and with records the tokenizer cannot read.
 */
const HEADER = 'id,datum,categorie,omschrijving,x,y';

function exportText(seed: number, rows: number, opts: { eol?: string; strayQuoteAt?: number; unclosedAt?: number } = {}): string {
  const random = new Random(seed);
  const rnd = () => random.next();
  const eol = opts.eol ?? '\n';
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) {
    const minute = String(Math.floor(rnd() * 60)).padStart(2, '0');
    const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
    let text = rnd() < 0.3 ? `"regel een${eol}regel ""twee""${eol}, drie"` : rnd() < 0.5 ? '"met, komma"' : 'gewoon';
    if (i === opts.strayQuoteAt) text = 'een "losse aanhaling';
    if (i === opts.unclosedAt) text = '"nooit gesloten';
    const id = rnd() < 0.02 ? Math.max(1, i - 1) : i; // some duplicates
    lines.push(
      `${id},2025-03-${day} 22:${minute},Drugsoverlast,${text},${176000 + Math.floor(rnd() * 2000)},${317000 + Math.floor(rnd() * 2000)}`,
    );
  }
  return lines.join(eol) + eol;
}

async function bothWays(text: string) {
  const dir = tempDir();
  const file = join(dir, 'export.csv');
  writeFileSync(file, text);
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const rejects = join(tempDir(), 'rejects.csv');
    const r = await runCli(['validate', file, '--now', NOW, '--json', '--rejects', rejects, ...args], { env });
    return { summary: r.stdout.replace(rejects, '<rejects>'), rejects: readFileSync(rejects, 'utf8') };
  };
  return { one: await run(['--jobs', '0']), workers: await run(['--jobs', '2'], { HOTSPOTS_PARALLEL_MIN_BYTES: '0' }) };
}

describe('reading in slices on worker threads', () => {
  it.each([
    ['LF', { eol: '\n' }],
    ['CRLF', { eol: '\r\n' }],
    ['CR alone', { eol: '\r' }],
    ['a quote taken literally (the cut is guessed wrong)', { strayQuoteAt: 3500 }],
    ['an unclosed quote', { unclosedAt: 7000 }],
  ])('gives what one thread gives: %s', async (_name, opts) => {
    const text = exportText(7, 8000, opts);
    expect(text.length).toBeGreaterThan(8 * 65536); // several slices beyond the first rows
    const { one, workers } = await bothWays(text);
    expect(JSON.parse(one.summary).totals.read).toBeGreaterThan(2048);
    expect(workers.summary).toBe(one.summary);
    expect(workers.rejects).toBe(one.rejects);
  });

  it('cuts after the last line end with an even number of quotes before it', () => {
    expect(lastRecordEnd('a,b\nc,d\ne', '\n')).toBe(8);
    expect(lastRecordEnd('a,"x\ny"\nc,"open\nmore', '\n')).toBe(8);
    expect(lastRecordEnd('a,"x\ny', '\n')).toBe(0);
    expect(lastRecordEnd('no line end', '\n')).toBe(0);
  });
});
