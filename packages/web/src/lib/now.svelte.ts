// One ticking clock for every countdown and "time in status" on the page, corrected by the server's clock: the
// server says what time it is with each SLA clock message, so a browser whose clock is off still turns red on time.
let ticking = false;

export const clock = $state({ now: Date.now(), skewMs: 0 });

export function startClock() {
  if (ticking) return;
  ticking = true;
  setInterval(() => (clock.now = Date.now()), 1000);
}

/** Now as the server sees it. */
export function serverNow(): number {
  return clock.now + clock.skewMs;
}

/** Remember how far the server's clock is from ours (from an instant the server just sent). */
export function noteServerTime(serverIso: string) {
  clock.skewMs = new Date(serverIso).getTime() - Date.now();
}
