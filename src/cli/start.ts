/**
 * What bin/hotspots.js runs: the CLI bundle (dist/cli/bundle.cjs, see scripts/bundle.mjs), loaded
 * with V8's code cache (dist/cli/bundle.cache, made by the build from a screening of the demo), and
 * the V8 settings the CLI runs best with. Not part of the bundle: it loads it.
 *
 * The code cache holds the bytecode of the functions a screening compiles, so a run does not parse
 * and compile them again: about 0.05 s off every run (the demo 0.66 s to 0.60 s). Node 20 has no
 * compile cache for ES modules, so the bundle is CommonJS and compiled here as a vm.Script. A cache
 * made by another Node or V8 version, or for another bundle, is rejected by V8 and the bundle is
 * compiled as without one: the cache only ever saves time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/** What the bundle exports (src/cli/main.ts). */
export interface CliBundle {
  run(): Promise<void>;
  main(argv: readonly string[], io: unknown): Promise<number>;
}

export const BUNDLE_PATH = fileURLToPath(new URL('./bundle.cjs', import.meta.url));
export const CODE_CACHE_PATH = fileURLToPath(new URL('./bundle.cache', import.meta.url));

/**
 * V8 settings, before any of the CLI is compiled. Without inlining, V8's optimising compiler does
 * about a tenth less work: on two cores it runs beside the main thread and competes with it (a
 * screening of 100k reports 0.1 s faster and 0.3 s less CPU; 1M the same within the noise).
 */
export function tuneV8(): void {
  setFlagsFromString('--no-turbo-inlining');
}

/**
 * Loads the bundle, with the code cache at `cachePath` when there is one (null: without).
 * `script` is returned so the build can make the cache after a run (Script.createCachedData then
 * holds what the run compiled).
 */
export function loadBundle(cachePath: string | null = CODE_CACHE_PATH): { cli: CliBundle; script: Script; cacheRejected: boolean } {
  const cachedData = cachePath !== null && existsSync(cachePath) ? readFileSync(cachePath) : undefined;
  // (The bundle holds no dynamic import(): a script would need Node's experimental vm loader for it.)
  const script = new Script(Module.wrap(readFileSync(BUNDLE_PATH, 'utf8')), {
    filename: BUNDLE_PATH,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as CliBundle };
  const init = script.runInThisContext() as (...args: unknown[]) => void;
  init.call(module.exports, module.exports, createRequire(BUNDLE_PATH), module, BUNDLE_PATH, dirname(BUNDLE_PATH));
  return { cli: module.exports, script, cacheRejected: cachedData !== undefined && script.cachedDataRejected === true };
}

/** The entry point of bin/hotspots.js. */
export async function start(): Promise<void> {
  tuneV8();
  await loadBundle().cli.run();
}
