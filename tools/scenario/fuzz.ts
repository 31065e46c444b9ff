import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from './random.js';
import { main } from '../../dist/cli/main.js';
import { memoryIo } from '../../dist/cli/io.js';
import { writeFileAtomic } from '../../dist/report/write.js';

/**
 * A mutation fuzzer for the readers: real exports, mutated the way files get damaged (random bytes,
 * cut quotes, mixed encodings, 1 MB fields, shuffled and duplicated columns, BOMs in the middle,
 * truncation), fed through `validate` and `screen` in-process. A case fails when the tool reports an
 * internal error (a bug) or its counts do not add up; a clear user error (exit 2) is a pass.
 */

export const MUTATIONS = [
  'random-bytes',
  'cut-quote',
  'extra-quote',
  'mixed-encoding',
  'huge-field',
  'shuffle-columns',
  'duplicate-column',
  'bom-in-middle',
  'truncate',
  'crlf-mix',
  'delimiter-swap',
  'empty-lines',
  'nul-bytes',
  'utf16-segment',
  'many-columns',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

const enc = new TextEncoder();

/** Splits a file into lines (bytes), keeping it simple: mutations need not respect quoting. */
function lines(b: Uint8Array): string[] {
  return Buffer.from(b).toString('latin1').split('\n');
}
const join1 = (ls: readonly string[]) => Buffer.from(ls.join('\n'), 'latin1');

function mutate(input: Uint8Array, m: Mutation, rng: Random): Uint8Array {
  const bytes = Buffer.from(input);
  const at = () => rng.int(0, Math.max(0, bytes.length - 1));
  switch (m) {
    case 'random-bytes': {
      const out = Buffer.from(bytes);
      for (let k = rng.int(1, 40); k > 0; k--) out[at()] = rng.int(0, 255);
      return out;
    }
    case 'cut-quote': {
      const i = bytes.indexOf(0x22, at());
      return i < 0 ? bytes : Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)]);
    }
    case 'extra-quote': {
      const i = at();
      return Buffer.concat([bytes.subarray(0, i), Buffer.from('"'), bytes.subarray(i)]);
    }
    case 'mixed-encoding': {
      const i = at();
      return Buffer.concat([bytes.subarray(0, i), Buffer.from([0xe9, 0xeb, 0x80, 0x9f, 0xff]), bytes.subarray(i)]);
    }
    case 'huge-field': {
      const ls = lines(bytes);
      const k = rng.int(1, Math.max(1, ls.length - 1));
      ls[k] = `${ls[k] ?? ''}${'x'.repeat(1 << 20)}`;
      return join1(ls);
    }
    case 'shuffle-columns': {
      const ls = lines(bytes);
      const sep = (ls[0] ?? '').includes(';') ? ';' : ',';
      const n = (ls[0] ?? '').split(sep).length;
      const order = Array.from({ length: n }, (_, i) => i).sort(() => rng.next() - 0.5);
      return join1(
        ls.map((l) => {
          const c = l.split(sep);
          return order.map((i) => c[i] ?? '').join(sep);
        }),
      );
    }
    case 'duplicate-column': {
      const ls = lines(bytes);
      const sep = (ls[0] ?? '').includes(';') ? ';' : ',';
      const i = rng.int(0, Math.max(0, (ls[0] ?? '').split(sep).length - 1));
      return join1(
        ls.map((l) => {
          const c = l.split(sep);
          return [...c, c[i] ?? ''].join(sep);
        }),
      );
    }
    case 'bom-in-middle': {
      const i = at();
      return Buffer.concat([bytes.subarray(0, i), Buffer.from([0xef, 0xbb, 0xbf]), bytes.subarray(i)]);
    }
    case 'truncate':
      return bytes.subarray(0, at());
    case 'crlf-mix':
      return join1(lines(bytes).map((l) => (rng.chance(0.5) ? `${l}\r` : l)));
    case 'delimiter-swap':
      return join1(lines(bytes).map((l) => (rng.chance(0.3) ? l.replace(/,/g, ';') : l)));
    case 'empty-lines':
      return join1(lines(bytes).flatMap((l) => (rng.chance(0.2) ? [l, '', '   '] : [l])));
    case 'nul-bytes': {
      const out = Buffer.from(bytes);
      for (let k = rng.int(1, 10); k > 0; k--) out[at()] = 0;
      return out;
    }
    case 'utf16-segment': {
      const i = at();
      return Buffer.concat([bytes.subarray(0, i), Buffer.from('Overlast', 'utf16le'), bytes.subarray(i)]);
    }
    case 'many-columns':
      return join1(lines(bytes).map((l, k) => (k === rng.int(0, 5) ? `${l}${',x'.repeat(5000)}` : l)));
  }
}

export interface FuzzFailure {
  seed: number;
  base: string;
  mutation: Mutation;
  command: string;
  code: number;
  problem: string;
  file: string;
}

interface Counts {
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
}
const adds = (c: Counts) => c.read === c.accepted + c.rejected + c.duplicates;

/** Why a run's result is wrong ('' when it is fine). */
export function judge(command: string, code: number, stdout: string, stderr: string): string {
  if (/internal error/.test(stderr)) return `internal error: ${stderr.split('\n').slice(0, 3).join(' ')}`;
  if (![0, 1, 2].includes(code)) return `exit ${code}`;
  if (code === 2) return /^error: /.test(stderr) ? '' : `exit 2 without a user error: ${stderr.slice(0, 200)}`;
  let json: {
    totals?: Counts;
    files?: Counts[];
    run?: { inputs: Counts[]; funnel: { accepted: number; screened: number; outOfScope: number; outsidePeriod: number } };
  };
  try {
    json = JSON.parse(stdout);
  } catch {
    return 'stdout is not JSON';
  }
  if (command === 'validate') {
    if (!json.totals || !adds(json.totals) || !json.files?.every(adds))
      return 'counts do not add up (read = accepted + rejected + duplicates)';
  } else {
    const f = json.run?.funnel;
    if (!json.run?.inputs.every(adds)) return 'input counts do not add up';
    if (!f || f.accepted !== f.screened + f.outOfScope + f.outsidePeriod)
      return 'funnel does not add up (accepted = screened + out of scope + outside)';
  }
  return '';
}

/**
 * Runs `cases` fuzz cases over the base files (each mutated 1-3 times) through validate and screen.
 * Returns the failures (with the mutated file kept for each) and the number of runs.
 */
export async function fuzz(
  bases: readonly string[],
  cases: number,
  seed = 1,
  keepDir = mkdtempSync(join(tmpdir(), 'hotspots-fuzz-')),
): Promise<{ runs: number; failures: FuzzFailure[]; codes: Record<string, number> }> {
  const failures: FuzzFailure[] = [];
  const env = { HOTSPOTS_PSEUDONYM_KEY: 'fuzz-key-0123456789abcdef', NO_COLOR: '1' };
  const work = mkdtempSync(join(tmpdir(), 'hotspots-fuzz-run-'));
  let runs = 0;
  const codes: Record<string, number> = {};
  try {
    for (let k = 0; k < cases; k++) {
      const rng = new Random(seed * 1_000_003 + k);
      const base = bases[k % bases.length]!;
      let bytes: Uint8Array = readFileSync(base);
      const applied: Mutation[] = [];
      for (let n = rng.int(1, 3); n > 0; n--) {
        const m = rng.pick(MUTATIONS);
        applied.push(m);
        bytes = mutate(bytes, m, rng);
      }
      const file = join(work, `case-${k}.csv`);
      writeFileAtomic(file, bytes);
      for (const command of ['validate', 'screen'] as const) {
        const args =
          command === 'validate'
            ? ['validate', file, '--json', '--now', '2026-11-23T06:00:00+01:00']
            : [
                'screen',
                file,
                '--json',
                '--now',
                '2026-11-23T06:00:00+01:00',
                '--no-history',
                '--format',
                'json',
                '--out',
                join(work, 'out'),
              ];
        const { io, stdout, stderr } = memoryIo({ env });
        const code = await main(args, io);
        runs++;
        codes[`${command} exit ${code}`] = (codes[`${command} exit ${code}`] ?? 0) + 1;
        const problem = judge(command, code, stdout(), stderr());
        if (problem) {
          const kept = join(keepDir, `fail-${seed}-${k}.csv`);
          writeFileAtomic(kept, bytes);
          failures.push({ seed, base, mutation: applied.join('+') as Mutation, command, code, problem, file: kept });
        }
      }
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { runs, failures, codes };
}

/** Base files for fuzzing: the defect fixtures and slices of the demo exports. */
export function fuzzBases(root: string): string[] {
  const dir = join(root, 'fixtures', 'defects');
  const defects = [
    'bad-dates.csv',
    'bom.csv',
    'cp1252-semicolon.csv',
    'duplicates.csv',
    'multiline-text.csv',
    'signalen-export.csv',
    'swapped-latlng.csv',
    'address-only.csv',
    'tab-delimited.tsv',
    'sep-line.csv',
    'ragged-rows.csv',
    'no-ids-duplicates.csv',
  ].map((f) => join(dir, f));
  const slice = (file: string, name: string) => {
    const out = join(mkdtempSync(join(tmpdir(), 'hotspots-fuzz-base-')), name);
    writeFileAtomic(out, enc.encode(readFileSync(join(root, file), 'latin1').split('\n').slice(0, 200).join('\n')));
    return out;
  };
  return [...defects, slice('fixtures/demo/meldingen.csv', 'meldingen.csv'), slice('fixtures/demo/politie-export.csv', 'politie.csv')];
}
