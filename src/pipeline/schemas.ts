import { z } from 'zod';
import { mappingSchema } from '../ingest/mapping.js';

/** JSON Schema of mapping files, for editors (`$schema: ./schemas/mapping.schema.json`). */
export function mappingJsonSchema(): object {
  return {
    ...z.toJSONSchema(mappingSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://github.com/overlast-hotspots/schemas/mapping.schema.json',
    title: 'overlast-hotspots mapping file',
  };
}

/** Every generated schema with its path in the repository. */
export function generatedSchemas(): Array<{ path: string; schema: object }> {
  return [{ path: 'schemas/mapping.schema.json', schema: mappingJsonSchema() }];
}
