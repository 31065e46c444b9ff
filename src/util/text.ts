/** Lower-cases and strips diacritics, so "Belvédère" and "belvedere" compare equal. */
export function foldText(s: string): string {
  return NON_ASCII.test(s)
    ? s
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
    : s.toLowerCase();
}

const NON_ASCII = /[^\u0000-\u007f]/;

/** Escapes a user keyword so it is matched literally inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Control characters (terminal escapes, bells, NUL, carriage returns) and bidirectional overrides as
 * visible escapes (`\x1b`, `\u202e`), so nothing from an input can move the cursor, retitle the
 * terminal or reverse text when a message quotes it.
 */
export function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Input quoted in a message: one line, control characters visible, at most `maxChars` (120) long. */
export function visible(s: string, maxChars = 120): string {
  const shown = escapeControls(s.replace(/\r?\n|\t/g, ' '));
  return shown.length > maxChars ? `${shown.slice(0, maxChars - 1)}…` : shown;
}

/** Cuts a value for use in a message, so a 100 KB cell never floods a terminal or rejects file. */
export function clip(s: string, maxChars = 80): string {
  const oneLine = s.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > maxChars ? `${oneLine.slice(0, maxChars - 1)}…` : oneLine;
}

/** Finds the closest candidate by edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(w.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * A cell that holds no reference to the chunk it was cut from. V8 makes a slice of 13 characters
 * or more a view into its parent string, so any value kept from a chunk (a category, a street, an
 * address label) keeps that whole chunk alive: about 100 MB more peak memory per 300k rows.
 * Shorter slices are copies already. The copy made here is a view of a string just as long + 1.
 */
export function own(cell: string): string {
  return cell.length < 13 ? cell : ` ${cell}`.slice(1);
}

/**
 * `fn` with a memory of its last `limit` answers, by their text: for a function of a cell whose
 * values repeat (a city's streets, its buurt codes) and that is asked on every report. The memory
 * is dropped whole when full, so it stays small. Texts and answers are kept as strings of their own
 * (own()): a cell read on the main thread is a view into its chunk.
 */
export function rememberedByText<T extends string | null>(fn: (text: string) => T, limit = 4096): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let answer = seen.get(text);
    if (answer === undefined) {
      answer = fn(text);
      if (typeof answer === 'string') answer = own(answer) as T;
      if (seen.size >= limit) seen.clear();
      seen.set(own(text), answer);
    }
    return answer;
  };
}

/**
 * A whole number with commas between thousands, as `toLocaleString('en-US')` writes it ("12,345"),
 * without the runtime's locale data: its first use costs some 10 ms of every run. Other numbers
 * are left to toLocaleString.
 */
export function groupedInt(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let k = out.length; k < digits.length; k += 3) out += `,${digits.slice(k, k + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/**
 * Order of two identifiers (theme names, reason codes: lower-case letters, digits and hyphens) by
 * their characters, the order localeCompare gives them, without the runtime's collation data (its
 * first use costs some 6 ms of every run).
 */
export const byCharacters = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
