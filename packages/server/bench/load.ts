// The load generator shared by every scenario, so both sides of a comparison are driven and measured the same way:
// a closed loop (`concurrency` callers, each sending its next request as soon as the previous one answered) for a
// fixed time. HTTP load runs in a worker thread: on a 2-core machine a client sharing the server's event loop
// would spend the server's CPU and flatten the difference between a fast and a slow server.
import http from 'node:http';
import { Worker } from 'node:worker_threads';

export interface LoadResult {
  /** Milliseconds per successful request. */
  latencies: Float64Array<ArrayBuffer>;
  errors: number;
  firstError?: string;
  elapsedMs: number;
}

export interface Stats {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  firstError?: string;
}

/** Runs `task(seq)` back to back from `concurrency` callers until `durationMs` has passed. */
export async function closedLoop(
  task: (seq: number) => Promise<void>,
  concurrency: number,
  durationMs: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let seq = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  async function caller() {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await task(seq++);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message ?? String(error);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, caller));
  return { latencies: Float64Array.from(latencies), errors, firstError, elapsedMs: performance.now() - start };
}

export function summarize({ latencies, errors, firstError, elapsedMs }: LoadResult): Stats {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
  return { rps: (sorted.length / elapsedMs) * 1000, p50: at(0.5), p99: at(0.99), requests: sorted.length, errors, firstError };
}

export interface HttpLoad {
  url: string;
  headers: Record<string, string>;
  /** JSON body; every `%SEQ%` becomes a number unique within the load (for unique e-mails). */
  body: string;
  concurrency: number;
  /** Run first, not measured: warms the client's JIT and connections as well as the server. */
  warmupMs: number;
  durationMs: number;
}

/**
 * POSTs a GraphQL body over keep-alive connections (plain node:http: lighter than fetch, so the client costs little).
 * A request counts as failed unless it answers 200 without `errors`.
 */
export function graphqlPoster(url: string, headers: Record<string, string>, concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const { hostname, port, pathname } = new URL(url);
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(
        {
          agent,
          hostname,
          port,
          path: pathname,
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () =>
            response.statusCode === 200 && !text.includes('"errors"')
              ? resolve()
              : reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`)),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  return { post, close: () => agent.destroy() };
}

/** Runs an HTTP load (warm-up, then measurement) in a fresh worker thread (see http-worker.ts). */
export function httpLoadInWorker(load: HttpLoad): Promise<LoadResult> {
  // tsx's loader does not reach worker threads on Node 20, so a plain-JS entry registers it and imports the TS.
  const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: load });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load worker exited with code ${code} before answering`)));
  });
}
