import type { ScenarioPlan } from './generate.js';

/** What evaluation needs of a screened hotspot (screening.json hotspots have this shape). */
export interface FoundHotspot {
  id: string;
  kind: 'public-space' | 'dwelling';
  class: 'hotspot' | 'watch';
  centroid: { x: number; y: number };
  radiusM: number;
}

export interface Evaluation {
  planted: { publicSpace: number; dwellings: number };
  found: { publicSpace: number; dwellings: number };
  missed: string[];
  /** Decoys that came out as class hotspot (should be none). */
  decoysAsHotspot: string[];
  /** Hotspots (class hotspot) that match nothing planted. */
  unexplained: string[];
  recall: number;
  precision: number;
  /** Planted id -> found hotspot id. */
  matches: Record<string, string>;
}

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * Scores a screening against the scenario's truth: a planted public-space hotspot is found when a
 * class-hotspot public-space cluster lies within its radius plus 100 m; a woonoverlast address when
 * a dwelling hotspot lies within 25 m of it (closest pairs matched first). A decoy fails when a class
 * hotspot that matches nothing planted lies within 100 m of it.
 */
export function evaluateScreening(plan: Pick<ScenarioPlan, 'hotspots' | 'decoys'>, found: readonly FoundHotspot[]): Evaluation {
  const hot = found.filter((h) => h.class === 'hotspot');
  // Closest pairs first, so one found hotspot cannot take a planted one's nearer match.
  const pairs = plan.hotspots
    .flatMap((p) =>
      hot
        .filter((h) => h.kind === p.kind && dist(h.centroid, p) <= (p.kind === 'dwelling' ? 25 : p.radiusM + 100))
        .map((h) => ({ p, h, d: dist(h.centroid, p) })),
    )
    .sort((a, b) => a.d - b.d);
  const used = new Set<string>();
  const matches: Record<string, string> = {};
  for (const { p, h } of pairs) {
    if (matches[p.id] || used.has(h.id)) continue;
    matches[p.id] = h.id;
    used.add(h.id);
  }
  const missed = plan.hotspots.filter((p) => !matches[p.id]).map((p) => p.id);
  const unexplained = hot.filter((h) => !used.has(h.id));
  const decoysAsHotspot = plan.decoys.filter((d) => unexplained.some((h) => dist(h.centroid, d) <= 100)).map((d) => d.id);
  const plantedPublic = plan.hotspots.filter((p) => p.kind === 'public-space').length;
  const foundPublic = Object.keys(matches).filter((id) => plan.hotspots.find((p) => p.id === id)!.kind === 'public-space').length;
  return {
    planted: { publicSpace: plantedPublic, dwellings: plan.hotspots.length - plantedPublic },
    found: { publicSpace: foundPublic, dwellings: Object.keys(matches).length - foundPublic },
    missed,
    decoysAsHotspot,
    unexplained: unexplained.map((h) => h.id),
    matches,
    recall: Object.keys(matches).length / plan.hotspots.length,
    precision: hot.length === 0 ? 1 : used.size / hot.length,
  };
}
