// Makes dist/cli/bundle.cache, V8's code cache of the CLI bundle (see src/cli/start.ts): loads the
// bundle as bin/hotspots.js does, screens the demo in-process (into a temporary folder, with a
// throwaway pseudonym key and a fixed clock), then saves the bytecode of every function compiled.
// Run by scripts/bundle.mjs after bundling. A failed screening fails the build: it would mean the
// freshly built CLI cannot screen the demo.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_CACHE_PATH, loadBundle, tuneV8 } from '../dist/cli/start.js';
import { DEMO_SCREEN } from './demo.mjs';

tuneV8();
const { cli, script } = loadBundle(null);
// (a checkout without the demo's fixtures gets no cache: the CLI then compiles as it goes, as before)
if (!existsSync(DEMO_SCREEN[1])) console.warn(`code cache not made: ${DEMO_SCREEN[1]} is missing`);
else {
  const dir = mkdtempSync(join(tmpdir(), 'hotspots-code-cache-'));
  try {
    const err = [];
    const io = {
      stdout: { write: () => true },
      stderr: { write: (s) => err.push(s) },
      env: { HOTSPOTS_PSEUDONYM_KEY: 'code-cache-build-key-0123456789', NO_COLOR: '1' },
      cwd: process.cwd(),
      now: () => new Date('2026-11-23T06:00:00+01:00'),
    };
    const args = [...DEMO_SCREEN, '--out', join(dir, 'out'), '--format', 'csv,json,geojson,html', '--db', join(dir, 'h.sqlite')];
    const code = await cli.main(args, io);
    if (code !== 0) throw new Error(`the demo screening for the code cache exited ${code}:\n${err.join('')}`);
    writeFileSync(CODE_CACHE_PATH, script.createCachedData());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
