/**
 * `JSON.stringify(value, null, 2)` as a sequence of pieces whose joined text is the same, so that a
 * large document (a 60 MB screening.json) is written piece by piece and never held as one string.
 * Objects and arrays down to `depth` levels are walked here; what lies deeper is stringified whole
 * (a hotspot, a feature). Follows JSON.stringify: toJSON(key) first, properties that are
 * undefined, functions or symbols left out, and written as null in arrays.
 */
export function* jsonPieces(value: unknown, depth = 2): Generator<string> {
  // (a value that writes itself, see JSON_PIECES, is walked into at any depth)
  yield* piecesOf(jsonValue(value, ''), depth, 0);
}

/**
 * Marks a value that writes its own JSON in pieces, `level` steps in, instead of being stringified
 * whole (with its toJSON): a long list such as a hotspot's report ids, which as one array of
 * strings cost a large short-lived array per hotspot. An object holding one is walked into.
 */
export const JSON_PIECES = Symbol('jsonPieces');

export interface WritesItself {
  [JSON_PIECES](level: number): Iterable<string>;
}

const writesItself = (v: unknown): v is WritesItself =>
  typeof v === 'object' && v !== null && typeof (v as Partial<WritesItself>)[JSON_PIECES] === 'function';

/** Whether an object has a property that writes itself. */
const holdsOneWritingItself = (v: object) => !Array.isArray(v) && Object.values(v).some(writesItself);

/**
 * JSON.stringify's text for an array of strings as it reads `level` steps in, in pieces of up to
 * `perPiece` strings: what a value marked JSON_PIECES can return.
 */
export function* stringListPieces(n: number, at: (k: number) => string, level: number, perPiece = 1024): Generator<string> {
  if (n === 0) return yield '[]';
  const inner = '  '.repeat(level + 1);
  yield '[\n';
  for (let k0 = 0; k0 < n; k0 += perPiece) {
    let piece = '';
    for (let k = k0; k < Math.min(n, k0 + perPiece); k++) piece += `${inner}${JSON.stringify(at(k))}${k < n - 1 ? ',\n' : '\n'}`;
    yield piece;
  }
  yield `${'  '.repeat(level)}]`;
}

/**
 * A list whose items are made as they are written: `at(k)` for k < n, each stringified whole (or
 * spliced, when it holds a value that writes itself); an item `at` gives as undefined is left out.
 * Made all at once, 8,000 GeoJSON features outlived young-generation collections and stayed in the
 * heap for the rest of the run; made one at a time, each is garbage as soon as it is written.
 */
export function lazyList(n: number, at: (k: number) => unknown): WritesItself & { toJSON(): unknown[] } {
  function* made() {
    for (let k = 0; k < n; k++) {
      const item = at(k);
      if (item !== undefined) yield item;
    }
  }
  return {
    toJSON: () => [...made()], // where it is stringified whole (in an array below the depth walked)
    *[JSON_PIECES](level: number) {
      const inner = '  '.repeat(level + 1);
      let written = 0;
      for (const item of made()) {
        yield written === 0 ? `[\n${inner}` : `,\n${inner}`;
        yield* piecesOf(jsonValue(item, String(written++)), level + 1, level + 1);
      }
      yield written === 0 ? '[]' : `\n${'  '.repeat(level)}]`;
    },
  };
}

function* piecesOf(v: unknown, depth: number, level: number): Generator<string> {
  if (writesItself(v)) {
    yield* v[JSON_PIECES](level);
    return;
  }
  if (v === null || typeof v !== 'object') return yield stringifiedAt(v, level);
  if (level >= depth) {
    if (holdsOneWritingItself(v)) yield* splicedPieces(v, level);
    else yield stringifiedAt(v, level);
    return;
  }
  const inner = '  '.repeat(level + 1),
    outer = '  '.repeat(level);
  if (Array.isArray(v)) {
    if (v.length === 0) return yield '[]';
    yield '[\n';
    for (let k = 0; k < v.length; k++) {
      const item = jsonValue(v[k], String(k));
      yield inner;
      if (omitted(item)) yield 'null';
      else yield* piecesOf(item, depth, level + 1);
      yield k < v.length - 1 ? ',\n' : '\n';
    }
    return yield `${outer}]`;
  }
  const entries = Object.entries(v)
    .map(([key, x]) => [key, jsonValue(x, key)] as const)
    .filter(([, x]) => !omitted(x));
  if (entries.length === 0) return yield '{}';
  yield '{\n';
  for (let k = 0; k < entries.length; k++) {
    const [key, x] = entries[k]!;
    yield `${inner}${JSON.stringify(key)}: `;
    yield* piecesOf(x, depth, level + 1);
    yield k < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${outer}}`;
}

/** A value as JSON.stringify sees it: after its toJSON(key). */
function jsonValue(v: unknown, key: string): unknown {
  if (writesItself(v)) return v;
  const toJSON = (v as { toJSON?: unknown } | null | undefined)?.toJSON;
  return typeof toJSON === 'function' ? toJSON.call(v, key) : v;
}

const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Stands in for a value that writes itself while the object around it is stringified (never met in data). */
const STAND_IN = `\u0000json-pieces-${Math.random().toString(36).slice(2)}:`;

/**
 * An object with properties that write themselves: stringified whole with a stand-in string for
 * each of them (walking it property by property cost more), and their pieces put in its place.
 */
function* splicedPieces(v: object, level: number): Generator<string> {
  const writers: WritesItself[] = [];
  const standIn = Object.fromEntries(Object.entries(v).map(([key, x]) => [key, writesItself(x) ? `${STAND_IN}${writers.push(x) - 1}` : x]));
  const text = stringifiedAt(standIn, level);
  let from = 0;
  for (let k = 0; k < writers.length; k++) {
    const mark = JSON.stringify(`${STAND_IN}${k}`);
    const at = text.indexOf(mark, from);
    yield text.slice(from, at);
    yield* writers[k]![JSON_PIECES](level + 1);
    from = at + mark.length;
  }
  yield text.slice(from);
}

/**
 * JSON.stringify(v, null, 2) as it reads `level` steps in (every line after the first indented by
 * that much more): stringified inside `level` arrays and cut out of them, a view into that text
 * rather than a second copy with the lines moved in (which took 0.2 s for a 60 MB document).
 */
function stringifiedAt(v: unknown, level: number): string {
  let wrapped = v,
    before = 0,
    after = 0;
  for (let k = 0; k < level; k++) {
    wrapped = [wrapped];
    before += 2 + 2 * (k + 1); // "[\n" and the next line's indent
    after += 2 + 2 * k; // "\n", this level's indent and "]"
  }
  const text = JSON.stringify(wrapped, null, 2) ?? 'null';
  return level === 0 ? text : text.slice(before, text.length - after);
}
