// Limits of the public visitor API, without I/O: which address a request comes from, and a sliding-window counter of
// new visitor sessions per address. (Messages per visitor are counted in the database, see visitor-service.ts.)

/**
 * The client's address. Behind our own proxy (TRUST_PROXY=true, deploy/nginx.conf) that is X-Real-IP, else the last
 * X-Forwarded-For hop (the one our proxy appended: earlier hops are whatever the client wrote). Without a trusted
 * proxy it is the socket's peer, since any header could be forged.
 */
export function clientAddress(headers: { get(name: string): string | null } | undefined, peer: string | undefined, trustProxy: boolean): string {
  if (trustProxy && headers) {
    const realIp = headers.get('x-real-ip')?.trim();
    if (realIp) return realIp;
    const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
    if (hops.length) return hops[hops.length - 1];
  }
  return peer || 'unknown';
}

export interface WindowLimiter {
  /** Counts one attempt for `key` at `nowMs`; false (and nothing counted) when `limit` attempts are already in the window. */
  tryTake(key: string, nowMs: number): boolean;
  /** Seconds until `key` may try again (0 when it may now). */
  retryAfterSeconds(key: string, nowMs: number): number;
}

/**
 * An in-memory sliding window: per server instance, so with N instances behind a balancer a client gets at most N
 * times the limit. Enough against a script opening sessions in a loop; message limits are the exact, shared ones.
 */
export function slidingWindowLimiter(limit: number, windowMs: number, maxKeys = 100_000): WindowLimiter {
  const attempts = new Map<string, number[]>();
  const recent = (key: string, nowMs: number) => (attempts.get(key) ?? []).filter((at) => at > nowMs - windowMs);
  return {
    tryTake(key, nowMs) {
      const kept = recent(key, nowMs);
      if (kept.length >= limit) {
        attempts.set(key, kept);
        return false;
      }
      kept.push(nowMs);
      // Forget the oldest keys first (Map keeps insertion order) so memory stays bounded under address churn.
      attempts.delete(key);
      attempts.set(key, kept);
      if (attempts.size > maxKeys) attempts.delete(attempts.keys().next().value!);
      return true;
    },
    retryAfterSeconds(key, nowMs) {
      const kept = recent(key, nowMs);
      if (kept.length < limit) return 0;
      return Math.max(1, Math.ceil((kept[0] + windowMs - nowMs) / 1000));
    },
  };
}
