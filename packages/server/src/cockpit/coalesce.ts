// Turns a burst of changes into few recomputations: at most one run per interval, never two at once, and a change
// that arrives while waiting or running always gets a run after it (trailing edge), so the last state is pushed.
export interface Coalescer {
  /** Something changed: run soon (at once if the last run is an interval ago, else when the interval is over). */
  poke(): void;
  stop(): void;
}

export function createCoalescer(intervalMs: number, run: () => Promise<void>, now: () => number = Date.now): Coalescer {
  let lastStart = Number.NEGATIVE_INFINITY;
  let dirty = false;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const schedule = () => {
    if (stopped || running || timer || !dirty) return;
    const wait = Math.max(0, lastStart + intervalMs - now());
    timer = setTimeout(() => {
      timer = undefined;
      void runOnce();
    }, wait);
  };

  async function runOnce() {
    if (stopped) return;
    dirty = false;
    running = true;
    lastStart = now();
    try {
      await run();
    } finally {
      running = false;
      schedule();
    }
  }

  return {
    poke() {
      dirty = true;
      schedule();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
