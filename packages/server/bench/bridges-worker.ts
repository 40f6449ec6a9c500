// Worker thread of bench/bridges.ts (w): POSTs signed WhatsApp webhooks (for a time, or a fixed count) and posts the
// raw result back, so signing and the HTTP client run outside the server's event loop (as bench/http-worker.ts does).
import { parentPort, workerData } from 'node:worker_threads';
import { fixedCount, webhookPoster, whatsappBody } from './bridges-load.js';
import { closedLoop } from './load.js';

export interface WebhookLoad {
  url: string;
  concurrency: number;
  run: string;
  durationMs?: number;
  count?: number;
}

const { url, concurrency, run, durationMs, count } = workerData as WebhookLoad;
const poster = webhookPoster(url, concurrency);
const send = (seq: number) => poster.post(whatsappBody(run, seq));
const result = count !== undefined ? await fixedCount(send, concurrency, count) : await closedLoop(send, concurrency, durationMs!);
poster.close();
parentPort!.postMessage(result, [result.latencies.buffer]);
