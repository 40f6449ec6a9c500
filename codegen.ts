// GraphQL codegen for the clients of the API (`pnpm codegen`). The schema is the committed SDL that the server prints
// (`pnpm schema:print`), so clients never need a running server to generate, and a schema change shows up in review
// together with the client types it changes.
//
// Outputs are committed: a fresh clone typechecks without running codegen, and `pnpm codegen:check` (CI) fails when
// they drift from the schema or the operations.
import { existsSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

type Target = CodegenConfig['generates'][string];

// Shared by every client so that scalars and nullability read the same everywhere.
const clientConfig = {
  // The packages are ESM under NodeNext resolution: relative imports need their `.js` extension.
  importExtension: '.js',
  useTypeImports: true,
  // Unmapped custom scalars would silently become `any`.
  strictScalars: true,
  scalars: {
    // Sent as an ISO 8601 string; clients decide whether to turn it into a Date.
    DateTime: 'string',
    JSON: 'unknown',
    // Multipart uploads (attachments): a browser File or a Node Blob.
    Upload: 'File | Blob',
  },
} as const;

const generates: Record<string, Target> = {
  // The SDK's ready-made operations are plain .graphql files: integrators can read them, and each becomes a named,
  // typed document (`ViewerDocument`, `CreateCustomerDocument`, ...) in packages/sdk/src/gql/graphql.ts.
  'packages/sdk/src/gql/': {
    preset: 'client',
    documents: ['packages/sdk/src/operations/**/*.graphql'],
    // Integrators read results directly; masking only pays off with co-located component fragments.
    presetConfig: { fragmentMasking: false },
    config: clientConfig,
  },
};

// Slot for the web app (packages/web, SvelteKit): operations written with the `graphql()` tag inside .svelte and .ts
// files, typed documents into packages/web/src/lib/gql/. Added only once the package exists, so codegen keeps working
// before it does. Plucking from .svelte files needs `svelte` and `svelte2tsx` installed in the workspace.
if (existsSync('packages/web')) {
  generates['packages/web/src/lib/gql/'] = {
    preset: 'client',
    documents: ['packages/web/src/**/*.svelte', 'packages/web/src/**/*.ts', '!packages/web/src/lib/gql/**'],
    config: clientConfig,
  };
}

const config: CodegenConfig = {
  schema: './schema.graphql',
  generates,
  // Fail on a document that does not match the schema, rather than generating half the output.
  noSilentErrors: true,
  // A new web app may have no operations yet. A glob that misses the SDK's operations still fails: its index.ts
  // imports the generated documents, so the typecheck breaks.
  ignoreNoDocuments: true,
};

export default config;
