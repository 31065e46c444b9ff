/**
 * Standard normal upper tail P(Z > z), to double precision (Hart 1968 / West 2005,
 * "Better approximations to cumulative normal functions", algorithm 5666).
 */
export function normalSf(z: number): number {
  return normalCdf(-z);
}

/** Standard normal CDF P(Z <= z). */
export function normalCdf(z: number): number {
  const x = Math.abs(z);
  let c: number;
  if (x > 37) c = 0;
  else {
    const e = Math.exp((-x * x) / 2);
    if (x < 7.07106781186547) {
      let n = 3.52624965998911e-2 * x + 0.700383064443688;
      n = n * x + 6.37396220353165;
      n = n * x + 33.912866078383;
      n = n * x + 112.079291497871;
      n = n * x + 221.213596169931;
      n = n * x + 220.206867912376;
      let d = 8.83883476483184e-2 * x + 1.75566716318264;
      d = d * x + 16.064177579207;
      d = d * x + 86.7807322029461;
      d = d * x + 296.564248779674;
      d = d * x + 637.333633378831;
      d = d * x + 793.826512519948;
      d = d * x + 440.413735824752;
      c = (e * n) / d;
    } else {
      let d = x + 0.65;
      d = x + 4 / d;
      d = x + 3 / d;
      d = x + 2 / d;
      d = x + 1 / d;
      c = e / d / 2.506628274631;
    }
  }
  return z > 0 ? 1 - c : c;
}

/** Two-sided p-value of a z-score. */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}

/** Benjamini-Hochberg adjusted p-values (q-values), in input order. NaN stays NaN. */
export function fdrAdjust(p: Float64Array): Float64Array {
  const idx = [...p.keys()].filter((i) => !Number.isNaN(p[i]!)).sort((a, b) => p[b]! - p[a]!);
  const q = new Float64Array(p.length).fill(Number.NaN);
  const m = idx.length;
  let running = 1;
  idx.forEach((i, rankFromTop) => {
    const rank = m - rankFromTop;
    running = Math.min(running, (p[i]! * m) / rank);
    q[i] = running;
  });
  return q;
}
