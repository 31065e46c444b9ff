import { GENERIC_ALIASES, POLICE_UK, SIGNALEN } from '../ingest/profiles.js';
import type { MappingInput } from '../ingest/mapping.js';

/** The built-in profiles with a one-line summary, for `hotspots profiles`. */
export function builtInProfiles(): Array<{ name: string; summary: string; mapping: MappingInput | Record<string, string[]> }> {
  return [
    { name: 'signalen', summary: 'Signalen datawarehouse export joined into one CSV (lat/lng swapped as Signalen writes them)', mapping: SIGNALEN },
    { name: 'police-uk', summary: 'police.uk street-level CSV (month-only dates, WGS84 snap points, UK bbox)', mapping: POLICE_UK },
    { name: 'generic', summary: 'any CSV whose headers match common Dutch/English names (aliases printed with `profiles generic`)', mapping: GENERIC_ALIASES },
  ];
}
