import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';

/** The scenario's screening moment; every CLI test runs with this clock. */
export const NOW = '2026-11-23T06:00:00+01:00';
/** The demo exports with their mapping, as screen, hottimes and export read them. */
export const DEMO = ['fixtures/demo/meldingen.csv', 'fixtures/demo/politie-export.csv', '--map', 'fixtures/demo/politie.mapping.yaml'];
export const KEY_ENV = { HOTSPOTS_PSEUDONYM_KEY: 'test-key-0123456789abcdef' };

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: string[], opts: { env?: Record<string, string | undefined>; tty?: boolean; now?: Date } = {}) {
  // Each call gets a fresh history file unless the test names one (never ./hotspots.sqlite).
  const env = { ...KEY_ENV, HOTSPOTS_DB: join(tempDir(), 'history.sqlite'), ...opts.env };
  const { io, stdout, stderr } = memoryIo({ env, now: opts.now ?? new Date(NOW), ...(opts.tty ? { tty: true } : {}) });
  const code = await main(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

const made: string[] = [];

export function tempDir(prefix = 'hotspots-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes the temporary folders this test file made (tests/setup.ts calls it after each file). */
export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const defect = (name: string) => `fixtures/defects/${name}`;
