// Runs one HTTP load (its own thread, its own event loop) and posts the raw result back to bench/run.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { closedLoop, graphqlPoster, type HttpLoad } from './load.js';

const { url, headers, body, concurrency, warmupMs, durationMs } = workerData as HttpLoad;
const client = graphqlPoster(url, headers, concurrency);
// closedLoop numbers requests from 0 on each call: a phase prefix keeps warm-up and measured e-mails apart.
const send = (phase: string) => (seq: number) => client.post(body.replaceAll('%SEQ%', `${phase}${seq}`));
await closedLoop(send('w'), concurrency, warmupMs);
const result = await closedLoop(send('m'), concurrency, durationMs);
client.close();
parentPort!.postMessage(result, [result.latencies.buffer]);
