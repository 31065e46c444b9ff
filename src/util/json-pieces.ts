/**
 * `JSON.stringify(value, null, 2)` as a sequence of pieces whose joined text is the same, so that a
 * large document (a 60 MB screening.json) is written piece by piece and never held as one string.
 * Objects and arrays down to `depth` levels are walked here; what lies deeper is stringified whole
 * (a hotspot, a feature). Follows JSON.stringify: toJSON(key) first, properties that are
 * undefined, functions or symbols left out, and written as null in arrays.
 */
export function* jsonPieces(value: unknown, depth = 2): Generator<string> {
  yield* piecesOf(jsonValue(value, ''), depth, 0);
}

function* piecesOf(v: unknown, depth: number, level: number): Generator<string> {
  if (level >= depth || v === null || typeof v !== 'object') {
    yield stringifiedAt(v, level);
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
  const toJSON = (v as { toJSON?: unknown } | null | undefined)?.toJSON;
  return typeof toJSON === 'function' ? toJSON.call(v, key) : v;
}

const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

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
