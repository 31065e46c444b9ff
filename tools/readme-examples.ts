/**
 * The README's example outputs, made by running their commands: `npm run readme` rewrites them and
 * a test checks that the README holds what the commands print today. An example is a fenced block
 * that starts with `$ npx hotspots ...` (continued with `\` lines), right after a comment
 * `<!-- example lines="1-9,24,44-50" -->` that says which output lines it shows (1-based; a gap
 * is shown as ` ...`). Commands run in-process at a fixed clock, 120 columns wide, with a fresh
 * history and output folder (shown as `hotspots-out/`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../dist/cli/main.js';
import { memoryIo } from '../dist/cli/io.js';

const MARKER = /^<!-- example lines="([\d,\s-]+)" -->$/;

export interface Example {
  /** Line index of the opening fence in the README. */
  fence: number;
  /** Line index after the closing fence. */
  end: number;
  command: string[];
  commandLines: string[];
  lines: Array<[number, number]>;
}

/** The examples of a README text, in order. */
export function findExamples(readme: string): Example[] {
  const rows = readme.split('\n');
  const out: Example[] = [];
  for (let i = 0; i + 2 < rows.length; i++) {
    const m = MARKER.exec(rows[i]!.trim());
    if (!m || !rows[i + 1]!.startsWith('```') || !rows[i + 2]!.startsWith('$ npx hotspots ')) continue;
    const commandLines: string[] = [];
    let k = i + 2;
    for (; ; k++) {
      commandLines.push(rows[k]!);
      if (!rows[k]!.endsWith('\\')) break;
    }
    let end = k + 1;
    while (end < rows.length && !rows[end]!.startsWith('```')) end++;
    const command = commandLines
      .map((l) => l.replace(/\\$/, ''))
      .join(' ')
      .replace(/^\$ npx hotspots /, '')
      .trim()
      .split(/\s+/);
    const lines = m[1]!
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean)
      .map((r): [number, number] => {
        const [a, b] = r.split('-').map(Number);
        return [a!, b ?? a!];
      });
    out.push({ fence: i + 1, end: end + 1, command, commandLines, lines });
  }
  return out;
}

/** What an example's command prints, as the README shows it. */
export async function runExample(e: Example, key: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hotspots-readme-'));
  try {
    const out = join(dir, 'hotspots-out');
    const argv = e.command[0] === 'screen' ? [...e.command, '--out', out] : e.command;
    const { io, stdout } = memoryIo({ env: { HOTSPOTS_PSEUDONYM_KEY: key, HOTSPOTS_DB: join(dir, 'history.sqlite'), COLUMNS: '120' } });
    await main(argv, io);
    return stdout().replaceAll(`${out}/`, 'hotspots-out/').replaceAll(out, 'hotspots-out').replace(/\n$/, '').split('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The block's output: the chosen lines, ` ...` for each gap. */
export function shown(output: readonly string[], lines: ReadonlyArray<[number, number]>): string[] {
  const kept: string[] = [];
  let last = 0;
  for (const [a, b] of lines) {
    if (a > last + 1) kept.push(' ...');
    for (let n = a; n <= Math.min(b, output.length); n++) kept.push(output[n - 1]!);
    last = b;
  }
  if (last < output.length) kept.push(' ...');
  return kept;
}

/** The README with every example's output made anew. */
export async function renderReadme(readme: string, key: string): Promise<string> {
  const rows = readme.split('\n');
  for (const e of findExamples(readme).reverse()) {
    const output = shown(await runExample(e, key), e.lines);
    rows.splice(e.fence, e.end - e.fence, '```', ...e.commandLines, ...output, '```');
  }
  return rows.join('\n');
}
