import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedSchemas } from '../../src/pipeline/schemas.js';

describe('generated JSON Schemas', () => {
  it.each(generatedSchemas())('$path is up to date (npm run gen:schema)', ({ path, schema }) => {
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(JSON.parse(JSON.stringify(schema)));
  });
});
