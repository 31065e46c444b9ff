/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  /** The run finished and wrote everything, but data problems exceed the threshold. */
  dataProblems: 1,
  /** Could not run: usage, configuration or I/O error, or a bug. */
  couldNotRun: 2,
  /** With --fail-on-new: the run is fine, but it raised an alert (a new unassessed hotspot, an aanpak intensifying, a relapse). */
  newHotspots: 3,
} as const;
