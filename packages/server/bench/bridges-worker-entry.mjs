// Worker-thread entry for bench/bridges-worker.ts (plain JS: see worker-entry.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport('./bridges-worker.ts', import.meta.url);
