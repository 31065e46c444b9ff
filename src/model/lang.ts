/** The language of a people-facing output (report.html, the exports, `rules explain`). */
export type Lang = 'nl' | 'en';

export const LANGS: readonly Lang[] = ['nl', 'en'];
