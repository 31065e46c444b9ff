import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { runCli, tempDir } from '../helpers.js';

/** Every command and subcommand of the registry, as the words typed after `hotspots`. */
function commandPaths(): Array<{ path: string[]; cmd: Command }> {
  const program = buildProgram({ io: memoryIo().io, exitCode: 0 });
  const walk = (cmd: Command, prefix: string[]): Array<{ path: string[]; cmd: Command }> =>
    cmd.commands.length === 0
      ? [{ path: [...prefix, cmd.name()], cmd }]
      : cmd.commands.flatMap((sub) => walk(sub, [...prefix, cmd.name()]));
  return program.commands.flatMap((c) => walk(c, []));
}

const PATHS = commandPaths();
/** What a command needs besides the flag under test (a required option or argument). */
const REQUIRED: Record<string, string[]> = {
  'history prune': ['--older-than', '2y'],
  'history show': ['1'],
  assess: ['HS-0001', '--status', 'aanpak'],
};
const label = (p: string[]) => p.join(' ');

describe('every command of the registry', () => {
  it('is there', () =>
    expect(PATHS.map((p) => label(p.path))).toEqual(
      expect.arrayContaining(['screen', 'validate', 'export', 'trend', 'hottimes', 'history list', 'rules explain', 'profiles']),
    ));

  it.each(PATHS.map((p) => [label(p.path), p] as const))('%s: --help exits 0 with its usage', async (_name, { path }) => {
    const r = await runCli([...path, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: hotspots ${path.join(' ')}`));
  });

  it.each(PATHS.map((p) => [label(p.path), p] as const))('%s: an unknown flag exits 2 and names it', async (_name, { path }) => {
    const r = await runCli([...path, ...(REQUIRED[label(path)] ?? []), '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--no-such-flag');
  });

  // A command that reads files (its argument) or a history (--db) says which one is missing, with exit 2.
  const readsFiles = (cmd: Command) => cmd.registeredArguments.some((a) => /^files?$/.test(a.name()));
  const readers = PATHS.filter((p) => readsFiles(p.cmd) || p.cmd.options.some((o) => o.long === '--db'));
  it.each(readers.map((p) => [label(p.path), p] as const))('%s: a missing file exits 2 and names it', async (_name, { path, cmd }) => {
    const missing = join(tempDir(), 'missing.file');
    const r = await runCli([...path, ...(REQUIRED[label(path)] ?? []), ...(readsFiles(cmd) ? [missing] : ['--db', missing])]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('missing.file');
  });
});

describe('the README', () => {
  const readme = readFileSync('README.md', 'utf8');
  it.each(PATHS.map((p) => [label(p.path), p] as const))('documents %s', (_name, { path }) => {
    const row = readme
      .split('\n')
      .find((line) => line.includes(`hotspots ${path[0]}`) && (path.length === 1 || new RegExp(`\\b${path[1]}\\b`).test(line)));
    expect(row, `no line of README.md names "hotspots ${label(path)}"`).toBeDefined();
  });
});
