// A real graphql-ws client for tests: collects what a subscription delivers and how its socket was closed.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Subscription<T> {
  received: T[];
  /** Resolves with the next payload not yet taken, or rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<T>;
  /** Waits `ms` and returns everything received meanwhile (to prove that nothing more arrives). */
  settle(ms: number): Promise<T[]>;
  /** Marks everything received so far as taken. */
  skipReceived(): void;
  closed: Promise<{ code: number; reason: string }>;
  errors: unknown[];
  dispose(): Promise<void>;
}

export function wsUrl(httpUrl: string) {
  return httpUrl.replace(/^http/, 'ws');
}

export function connect(httpUrl: string, token: string | null): { client: Client; closed: Promise<{ code: number; reason: string }> } {
  let resolveClosed: (value: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve));
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    // Tests assert close codes themselves; the default would print every refused socket.
    onNonLazyError: () => {},
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolveClosed({ code, reason: String(reason) });
      },
    },
  });
  return { client, closed };
}

export function subscribe<T = Record<string, any>>(
  httpUrl: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Subscription<T> {
  const { client, closed } = connect(httpUrl, token);
  const received: T[] = [];
  const errors: unknown[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((wakeUp) => wakeUp());
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) received.push(result.data as T);
        wake();
      },
      error: (error) => {
        errors.push(error);
        wake();
      },
      complete: () => wake(),
    },
  );
  return {
    received,
    errors,
    closed,
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (taken >= received.length) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms (errors: ${JSON.stringify(errors)})`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received[taken++];
    },
    skipReceived() {
      taken = received.length;
    },
    async settle(ms) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return received.slice(taken);
    },
    async dispose() {
      unsubscribe();
      await client.dispose();
    },
  };
}

/**
 * graphql-ws does not acknowledge a subscription, so a test proves it is live by triggering events until one
 * arrives; afterwards it skips those warm-up events.
 */
export async function untilLive<T>(subscription: Subscription<T>, trigger: () => Promise<unknown>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await trigger();
    try {
      await subscription.next(300);
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
  // Drain warm-up events still in flight.
  await new Promise((resolve) => setTimeout(resolve, 300));
  subscription.skipReceived();
}
