// The control loop the background workers share (event relay, outboxes, SLA scanner, webhook sweeper): one pass at a
// time per instance, callers during a pass either coalesced or queued, an unref'd polling timer, a settle for stop().

/**
 * A call during a pass shares it and asks for exactly one more pass after it (however many callers asked): work
 * committed while a pass ran may have been missed by it. `trigger()` resolves when no pass is left to run; a pass's
 * error goes to `onError` and does not stop the passes asked for after it, nor the runner.
 */
export function coalescingRunner(pass: () => Promise<void>, onError: (error: Error) => void) {
  let running: Promise<void> | null = null;
  let again = false;

  async function loop() {
    do {
      again = false;
      try {
        await pass();
      } catch (error) {
        onError(error as Error);
      }
    } while (again);
  }

  return {
    trigger(): Promise<void> {
      if (running) {
        again = true;
        return running;
      }
      running = loop().finally(() => {
        running = null;
      });
      return running;
    },
    /** Resolves when the pass in progress (and the one asked for after it) is done; for stop(). */
    settled: async () => {
      await running?.catch(() => undefined);
    },
  };
}

/**
 * A call during a pass waits for it and then runs its own pass with its own arguments (callers want their own
 * result, e.g. a scan limited to one workspace). Errors reach the caller; a failed pass does not block the next.
 */
export function queuedRunner<A, R>(pass: (args: A) => Promise<R>) {
  let running: Promise<R> | null = null;

  return {
    async run(args: A): Promise<R> {
      // A loop, not one await: several callers may be waiting, and only the first one to wake starts next.
      while (running) await running.catch(() => undefined);
      running = pass(args).finally(() => {
        running = null;
      });
      return running;
    },
    /** True while a pass runs: the timer skips its tick rather than queue behind the pass. */
    get busy() {
      return running !== null;
    },
    /** Resolves when the pass in progress is done, whatever its outcome; for stop(). */
    settled: async () => {
      await running?.catch(() => undefined);
    },
  };
}

/** Calls `tick` every `ms` until stopped; unref'd so that a timer alone never keeps the process alive. */
export function every(ms: number, tick: () => void) {
  const timer = setInterval(tick, ms);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
