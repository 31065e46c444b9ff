/** A kernel density surface on a square grid (see score/kde.ts). */
export interface DensityGrid {
  /** Lower-left corner of cell 0 (RD metres), cell size and grid shape; cells row-major from the bottom. */
  originX: number;
  originY: number;
  cellSizeM: number;
  cols: number;
  rows: number;
  /** Kernel support radius, metres. */
  bandwidthM: number;
  /** Reports per square kilometre at each cell centre. */
  perKm2: Float64Array;
}
