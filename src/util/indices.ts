/**
 * The indices i < n for which `keep(i)` holds, ascending, in an array of their exact size: counted
 * first, then filled (a list grown to a million numbers left several times its size as garbage).
 */
export function indicesWhere(n: number, keep: (i: number) => boolean): Int32Array {
  let count = 0;
  for (let i = 0; i < n; i++) if (keep(i)) count++;
  const out = new Int32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (keep(i)) out[k++] = i;
  return out;
}
