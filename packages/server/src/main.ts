// Starts deskgraph: builds the app, seeds a demo workspace on first start, listens, and shuts down gracefully on
// SIGTERM/SIGINT (stop taking work, finish in-flight requests, close subscriptions, then close the stores).
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { seedDemoWorkspace } from './demo.js';
import { log } from './log.js';
import { startServer } from './server.js';

const config = loadConfig();
const app = await buildApp({ config });
app.start();
if (config.seedDemo) await seedDemoWorkspace(app.services, config);
const server = await startServer(app, { port: config.port, host: config.host });

log.info('deskgraph listening', {
  url: server.url,
  database: app.services.db.backend,
  pubsub: config.redisUrl ? 'redis' : 'memory',
});
// Child-process tests wait for this line on stdout.
process.stdout.write(`deskgraph ready on ${server.url}\n`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  const forceExit = setTimeout(() => {
    log.error('graceful shutdown timed out; exiting');
    process.exit(1);
  }, config.shutdownGraceMs);
  forceExit.unref();
  await server.close();
  await app.stop();
  log.info('stopped');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
