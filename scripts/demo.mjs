// The demo's screening as the README's examples run it: its two exports, their mapping and the clock.
export const DEMO_SCREEN = [
  'screen',
  'fixtures/demo/meldingen.csv',
  'fixtures/demo/politie-export.csv',
  '--map',
  'fixtures/demo/politie.mapping.yaml',
  '--now',
  '2026-11-23T06:00:00+01:00',
];
