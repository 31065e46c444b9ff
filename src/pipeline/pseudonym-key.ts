import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createFileExclusive, ensureDir } from '../report/write.js';
import { UserError } from '../util/errors.js';

/** Minimum length of a key given in HOTSPOTS_PSEUDONYM_KEY, so pseudonyms cannot be brute-forced. */
const MIN_KEY_CHARS = 16;

/** Default key file: `$XDG_CONFIG_HOME/overlast-hotspots/pseudonym.key` (~/.config when unset). */
export function defaultKeyFile(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'overlast-hotspots', 'pseudonym.key');
}

/**
 * The secret for reporter pseudonyms: env HOTSPOTS_PSEUDONYM_KEY, else a key file created
 * owner-only (0600, folder 0700) with 32 random bytes on first use. Keep the file: a new key
 * gives every reporter a new pseudonym, so "distinct reporters" could no longer be compared over time.
 */
export function loadPseudonymKey(env: Record<string, string | undefined>, keyFile?: string): Uint8Array {
  const fromEnv = env.HOTSPOTS_PSEUDONYM_KEY;
  if (fromEnv !== undefined) {
    if (fromEnv.length < MIN_KEY_CHARS) {
      throw new UserError(`HOTSPOTS_PSEUDONYM_KEY is too short (${fromEnv.length} characters)`, {
        hint: `use at least ${MIN_KEY_CHARS} random characters, e.g. $(openssl rand -hex 32)`,
      });
    }
    return new TextEncoder().encode(fromEnv);
  }
  const path = keyFile ?? defaultKeyFile(env);
  ensureDir(dirname(path), 0o700);
  createFileExclusive(path, `${randomBytes(32).toString('hex')}\n`, 0o600);
  try {
    const key = readFileSync(path, 'utf8').trim();
    if (key.length < MIN_KEY_CHARS) throw new Error('too short');
    return new TextEncoder().encode(key);
  } catch (err) {
    throw new UserError(`cannot use pseudonym key file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint:
        'restore the key file from your backup (or fix its permissions: it must be readable by you). Do not simply delete it: a ' +
        'new key gives every reporter a new pseudonym, so distinct reporters in the history no longer compare with new runs; ' +
        'only when no backup exists, remove it and a new key is made on the next run',
    });
  }
}
