#!/usr/bin/env node
// Regenerates the JSON Schemas editors use for mapping and rules files (npm run gen:schema).
import { writeFileSync } from 'node:fs';
import { generatedSchemas } from '../dist/pipeline/schemas.js';

for (const { path, schema } of generatedSchemas()) {
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path}`);
}
