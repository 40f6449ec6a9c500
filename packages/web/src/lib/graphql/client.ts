// The one urql client of the app: queries and mutations over HTTP, subscriptions over graphql-ws on the same URL,
// both carrying the session token. Set once in the root layout with setContextClient.
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { graphqlHttpUrl, graphqlWsUrl } from '$lib/config';
import { session, signOut } from '$lib/session.svelte';

export interface AppClient {
  client: Client;
  ws: WsClient;
}

/**
 * `token` says whose session the client carries: the signed-in agent's by default; the visitor chat widget passes its
 * visitor token. `onSessionEnd` runs when the server ends that session (4401/4403 on the socket).
 */
export function createAppClient(token: () => string | null = () => session.token, onSessionEnd: () => void = signOut): AppClient {
  const ws = createWsClient({
    url: graphqlWsUrl(),
    // Read on every (re)connect, so a new sign-in is picked up after `ws.terminate()`.
    connectionParams: () => {
      const current = token();
      return current ? { authorization: `Bearer ${current}` } : {};
    },
    lazy: true,
    retryAttempts: Infinity,
    // The server closes with 4401 when the session ends or is revoked, and 4403 for a bad token: sign out then,
    // rather than retrying forever with a dead token.
    shouldRetry: (event) => !(event && typeof event === 'object' && 'code' in event && (event.code === 4401 || event.code === 4403)),
    on: {
      closed: (event) => {
        const code = (event as { code?: number } | undefined)?.code;
        if (code === 4401 || code === 4403) onSessionEnd();
      },
    },
  });

  const client = new Client({
    url: graphqlHttpUrl(),
    // Lists and counters refetch on live events themselves; the document cache serves repeated reads in between.
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const dispose = ws.subscribe(input, sink);
              return { unsubscribe: dispose };
            },
          };
        },
      }),
    ],
    fetchOptions: (): RequestInit => {
      const headers: Record<string, string> = {};
      const current = token();
      if (current) headers.authorization = `Bearer ${current}`;
      return { headers };
    },
  });

  return { client, ws };
}
