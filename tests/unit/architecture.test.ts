import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Dependencies point one way: cli -> pipeline -> stages -> geo/util/model. Stages do not
 * import each other; one module owns each outside thing.
 */
const SRC = resolve('src');
// The test-data generator lives in tools/scenario, outside the product (it is not in the npm package).
const LAYER: Record<string, number> = {
  'index.ts': 6,
  cli: 4,
  pipeline: 3,
  ingest: 2,
  rules: 2,
  cluster: 2,
  score: 2,
  history: 2,
  report: 2,
  geo: 1,
  model: 1,
  stats: 1,
  util: 0,
};
const STAGES = new Set(['ingest', 'rules', 'cluster', 'score', 'history', 'report']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

const area = (file: string) => relative(SRC, file).split('/')[0]!;

describe('architecture', () => {
  const all = files(SRC);

  it('imports only downward, never sideways between stages', () => {
    const bad: string[] = [];
    for (const file of all) {
      const from = area(file);
      for (const spec of imports(file).filter((s) => s.startsWith('.'))) {
        const to = area(resolve(dirname(file), spec));
        if (to === from || to.endsWith('.js')) continue;
        const sideways = STAGES.has(from) && STAGES.has(to) && !(from === 'pipeline');
        if (sideways || (LAYER[to] ?? 0) >= (LAYER[from] ?? 0)) bad.push(`${relative(SRC, file)} -> ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps commander, chalk and process exits in src/cli', () => {
    const bad = all
      .filter((f) => area(f) !== 'cli')
      .filter((f) => /from 'commander'|from 'chalk'|process\.exit|process\.argv/.test(readFileSync(f, 'utf8')));
    expect(bad.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('ships no dev tools: nothing in src imports tools/', () => {
    expect(all.filter((f) => /from '(\.\.\/)+tools\//.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f))).toEqual([]);
  });

  it('writes files only from report/write.ts and opens SQLite only in history/db.ts', () => {
    const writers = all.filter((f) =>
      /\b(writeFileSync|createWriteStream|renameSync|linkSync|appendFileSync)\b/.test(readFileSync(f, 'utf8')),
    );
    expect(writers.map((f) => relative(SRC, f))).toEqual(['report/write.ts']);
    const sqlite = all.filter((f) => /better-sqlite3/.test(readFileSync(f, 'utf8')));
    expect(sqlite.map((f) => relative(SRC, f)).filter((f) => f !== 'history/db.ts')).toEqual([]);
  });

  it('keeps zod out of what the worker threads load (they are sent rules and mappings already checked)', () => {
    // value imports only: `import type` is erased
    const valueImports = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)(?!\s+type\b)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!);
    const loaded = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const spec of valueImports(file)) {
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
        else packages.add(spec);
      }
    };
    for (const worker of ['pipeline/ingest-worker.ts', 'ingest/map-worker.ts', 'pipeline/numbers-worker.ts']) visit(join(SRC, worker));
    expect(loaded.size).toBeGreaterThan(10);
    expect([...packages].filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
  });
});
