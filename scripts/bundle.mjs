// Bundles the CLI (dist/cli/main.js and what it imports, our modules and the pure-JS dependencies)
// into dist/cli/bundle.cjs, which bin/hotspots.js loads through dist/cli/start.js: one file instead
// of some 300 modules, so a run starts about 0.1 s sooner (resolving, reading and linking each ES
// module costs about 0.3 ms). CommonJS, because only a script can be compiled with V8's code cache
// on Node 20 (see src/cli/start.ts); the cache is made here after the bundle, from a screening of
// the demo (scripts/code-cache.mjs, in a process of its own so it starts from nothing compiled).
// The bundle sits one folder deep in dist/ like every module it holds, so their relative URLs
// (worker scripts, package.json, rules/) resolve the same. Native and lazily loaded packages stay
// outside: better-sqlite3 (a native addon) and exceljs (loaded only for .xlsx inputs).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { rolldown } from 'rolldown';

const bundle = await rolldown({
  input: 'dist/cli/main.js',
  platform: 'node',
  external: [/^node:/, 'better-sqlite3', 'exceljs'],
  logLevel: 'warn',
});
rmSync('dist/cli/bundle.js', { force: true }); // (the ES module bundle of earlier builds)
rmSync('dist/cli/bundle.cache', { force: true }); // (V8 would reject it for the new bundle anyway)
await bundle.write({ file: 'dist/cli/bundle.cjs', format: 'cjs', codeSplitting: false, sourcemap: false });
await bundle.close();
execFileSync(process.execPath, ['scripts/code-cache.mjs'], { stdio: 'inherit' });
