// Prints the Pothos schema to the repository's schema.graphql (the committed contract; a test fails on drift).
import { writeFileSync } from 'node:fs';
import { printedSchema, schemaFilePath } from '../src/schema/print.js';

writeFileSync(schemaFilePath, printedSchema());
console.log(`wrote ${schemaFilePath}`);
