// The load side of bench/bridges.ts (w), shared by the scenario (for its raw baseline's rows) and the worker thread
// that POSTs the signed webhooks (bench/bridges-worker.ts), so the client never spends the server's event loop.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { LoadResult } from './load.js';

export const CUSTOMERS = 200;
export const APP_SECRET = 'bench-app-secret';
export const PHONE_NUMBER_ID = '106540352242922';

/** One inbound text message in the Cloud API's documented shape; `seq` makes its wamid unique. */
export function whatsappBody(run: string, seq: number) {
  const waId = `90532${String(seq % CUSTOMERS).padStart(7, '0')}`;
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: `Bench Customer ${seq % CUSTOMERS}` }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id: `wamid.BENCH${run}${String(seq).padStart(9, '0')}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: `Merhaba, siparişim #${seq} nerede? Kargo takip numarası çalışmıyor.` },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

/** POSTs pre-signed bodies over keep-alive connections; a delivery counts when it is answered 200. */
export function webhookPoster(url: string, concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const { hostname, port, pathname } = new URL(url);
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const bytes = Buffer.from(body);
      const request = http.request(
        {
          agent,
          hostname,
          port,
          path: pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': bytes.byteLength,
            'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(bytes).digest('hex')}`,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
        },
      );
      request.on('error', reject);
      request.end(bytes);
    });
  return { post, close: () => agent.destroy() };
}

/** Like closedLoop, for exactly `count` tasks (seq 0 … count−1). */
export async function fixedCount(task: (seq: number) => Promise<void>, concurrency: number, count: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const start = performance.now();
  async function caller() {
    while (next < count) {
      const seq = next++;
      const t0 = performance.now();
      try {
        await task(seq);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, caller));
  return { latencies: Float64Array.from(latencies), errors, firstError, elapsedMs: performance.now() - start };
}

