/**
 * Neighbours in compressed sparse row form: the neighbours of i are
 * `index[offsets[i]] .. index[offsets[i + 1] - 1]`. Weights are binary.
 */
export interface Neighbours {
  offsets: Int32Array;
  index: Int32Array;
}

/** Builds CSR neighbours from adjacency lists. */
export function toNeighbours(lists: ReadonlyArray<readonly number[]>): Neighbours {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => {
    offsets[i + 1] = offsets[i]! + l.length;
  });
  const index = new Int32Array(offsets[lists.length]!);
  lists.forEach((l, i) => index.set(l, offsets[i]!));
  return { offsets, index };
}

/**
 * Getis-Ord local G z-scores with binary weights, as spdep `localG` (and esda `G_Local` with
 * transform "B"). `star`: Gi* (the neighbour lists must then include i itself, as spdep's
 * include.self); otherwise Gi with self excluded. Population variance, as spdep.
 */
export function localG(x: Float64Array, nb: Neighbours, star: boolean): Float64Array {
  const n = x.length;
  let sum = 0,
    sumSq = 0;
  for (let i = 0; i < n; i++) {
    sum += x[i]!;
    sumSq += x[i]! * x[i]!;
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lag = 0;
    const from = nb.offsets[i]!,
      to = nb.offsets[i + 1]!;
    for (let k = from; k < to; k++) lag += x[nb.index[k]!]!;
    const wi = to - from; // binary weights: W_i = S1_i = number of neighbours
    if (wi === 0) {
      z[i] = Number.NaN;
      continue;
    }
    if (star) {
      const mean = sum / n;
      const variance = sumSq / n - mean * mean;
      const v = (variance * (n * wi - wi * wi)) / (n - 1);
      z[i] = (lag - wi * mean) / Math.sqrt(v);
    } else {
      const mean = (sum - x[i]!) / (n - 1);
      const variance = (sumSq - x[i]! * x[i]!) / (n - 1) - mean * mean;
      const v = (variance * ((n - 1) * wi - wi * wi)) / (n - 2);
      z[i] = (lag - wi * mean) / Math.sqrt(v);
    }
  }
  return z;
}
