// Worker-thread entry for the HTTP load generator. Plain JS because tsx's loader (registered with --import in the
// main thread) is not inherited by worker threads on Node 20; tsImport compiles http-worker.ts on the fly.
import { tsImport } from 'tsx/esm/api';

await tsImport('./http-worker.ts', import.meta.url);
