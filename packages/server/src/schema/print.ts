// The schema as SDL, exactly as committed in the repository's schema.graphql.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.js';

export const schemaFilePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../schema.graphql');

export function printedSchema() {
  return `${printSchema(lexicographicSortSchema(schema)).trim()}\n`;
}
