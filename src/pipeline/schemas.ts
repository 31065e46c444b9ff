import { z } from 'zod';
import { mappingSchema } from '../ingest/mapping.js';
import { rulesSchema } from '../rules/schema.js';

/** JSON Schema of mapping files, for editors (`$schema: ./schemas/mapping.schema.json`). */
export function mappingJsonSchema(): object {
  return {
    ...z.toJSONSchema(mappingSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://github.com/overlast-hotspots/schemas/mapping.schema.json',
    title: 'overlast-hotspots mapping file',
  };
}

/** JSON Schema of rules files (`$schema: ../schemas/rules.schema.json`). */
export function rulesJsonSchema(): object {
  return {
    ...z.toJSONSchema(rulesSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://github.com/overlast-hotspots/schemas/rules.schema.json',
    title: 'overlast-hotspots rules file',
  };
}

/** Every generated schema with its path in the repository. */
export function generatedSchemas(): Array<{ path: string; schema: object }> {
  return [
    { path: 'schemas/mapping.schema.json', schema: mappingJsonSchema() },
    { path: 'schemas/rules.schema.json', schema: rulesJsonSchema() },
  ];
}
