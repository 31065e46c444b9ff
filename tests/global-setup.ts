import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Builds dist/ once before the tests: the end-to-end tests run the real binary (bin/hotspots.js
 * loads dist/cli/bundle.cjs and its code cache, made from dist/), and some tests start child processes on dist/ modules, so they must never run
 * against a stale build.
 */
export default function setup(): void {
  execFileSync(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, [join('scripts', 'bundle.mjs')], { stdio: 'inherit' }); // what bin/hotspots.js loads
}
