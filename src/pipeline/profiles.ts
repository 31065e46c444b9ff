import { POLICE_UK, SIGNALEN, SIGNALEN_GEOJSON, SIGNALEN_PUBLIC } from '../ingest/profiles.js';
import { genericTemplate, mappingYaml } from '../ingest/template.js';
import type { FileSummary } from '../ingest/ingest.js';

/** The built-in profiles with a one-line summary and a mapping template, for `hotspots profiles`. */
export function builtInProfiles(): Array<{ name: string; summary: string; template: () => string }> {
  const signalen = [
    'Signalen, as read by --profile signalen (or detected from the header). Three shapes:',
    'the datawarehouse CSV joined into one file (this one), the public export (id, created_at, lat, lng,',
    'category_slug, category, subcategory_slug, subcategory, wijk, address) and the public API GeoJSON.',
  ];
  return [
    {
      name: 'signalen',
      summary: 'Signalen: datawarehouse CSV, public export or API GeoJSON (shape and lat/lng order decided per file)',
      template: () =>
        [
          mappingYaml(SIGNALEN, signalen),
          mappingYaml(SIGNALEN_PUBLIC, ['Signalen public export (one address column, no postcode, reporter or free text).']),
          mappingYaml(SIGNALEN_GEOJSON, [
            'Signalen public API GeoJSON: properties flattened with dots, the point as geometry.x / geometry.y.',
          ]),
        ].join('---\n'),
    },
    {
      name: 'police-uk',
      summary: 'police.uk street-level CSV (month-only dates, WGS84 snap points, UK bbox)',
      template: () => mappingYaml(POLICE_UK, ['data.police.uk street-level crime CSV.']),
    },
    {
      name: 'generic',
      summary: 'any CSV, .xlsx or GeoJSON whose headers match common Dutch/English names (`profiles generic` lists them)',
      template: genericTemplate,
    },
  ];
}

/** The mappings a run actually used, one commented YAML document per file (`validate --print-mapping`). */
export function usedMappingsYaml(files: readonly FileSummary[]): string {
  return files
    .map((f) =>
      mappingYaml(f.mapping, [
        `The mapping hotspots used for ${f.path} (profile ${f.profile}); edit it and pass it with --map.`,
        ...f.notes.map((n) => `note: ${n}`),
      ]),
    )
    .join('---\n');
}
