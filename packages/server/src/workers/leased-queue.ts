// The loop of the queue workers whose rows are claimed with `FOR UPDATE SKIP LOCKED` and leased (the channel outbox,
// the inbound media fetcher): claim a batch, attempt its rows side by side, claim again until nothing is due; a poll
// timer on every instance, drains coalesced, stop() waits for the pass in progress.
import { log } from '../log.js';
import { coalescingRunner, every } from './serial-runner.js';

export interface LeasedQueue<Row> {
  /** For log lines: "channel outbox", "media fetch". */
  name: string;
  pollMs: number;
  /** Due rows, each already leased to this instance. */
  claim(): Promise<Row[]>;
  /** One row's try; a throw means its result could not be recorded (the lease runs out and it is tried again). */
  attempt(row: Row): Promise<void>;
  /** The row's id, for the log line when an attempt throws. */
  idOf(row: Row): string;
}

export function leasedQueueWorker<Row>(queue: LeasedQueue<Row>) {
  let timer: ReturnType<typeof every> | undefined;
  let stopped = true;

  const drains = coalescingRunner(
    async () => {
      for (;;) {
        if (stopped) break;
        const rows = await queue.claim();
        if (rows.length === 0) break;
        await Promise.all(
          rows.map((row) =>
            queue.attempt(row).catch((error: Error) => {
              // The database went away mid-way: the lease runs out and the row is tried again.
              log.warn(`${queue.name} attempt could not be recorded`, { id: queue.idOf(row), error: error.message });
            }),
          ),
        );
      }
    },
    (error) => log.warn(`${queue.name} could not run`, { error: error.message }),
  );

  return {
    /** Attempts what is due now (after start()); concurrent calls share one run. */
    drain(): Promise<void> {
      return drains.trigger();
    },
    start() {
      stopped = false;
      // Polling picks up new rows and retries that became due; the first poll comes after one interval.
      timer = every(queue.pollMs, () => void drains.trigger());
    },
    async stop() {
      stopped = true;
      timer?.stop();
      await drains.settled();
    },
  };
}
