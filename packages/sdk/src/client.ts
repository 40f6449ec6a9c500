// A deliberately small client: integrators get typed results from the generated documents without adopting a
// GraphQL framework. Queries and mutations go over plain HTTP (no socket to keep alive for a script that makes one
// call); subscriptions go over graphql-ws on the same path, opened only when something subscribes.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, getOperationAST, print } from 'graphql';
import { type Client as WsClient, createClient as createWsClient, type FormattedExecutionResult } from 'graphql-ws';
import { type DeskgraphGraphQLError, DeskgraphClientError } from './errors.js';

export interface DeskgraphClientOptions {
  /** The GraphQL endpoint over HTTP(S), e.g. `https://desk.example.com/graphql`; WebSockets use the same path. */
  url: string;
  /** A session token (from `login`) or an API token. Omit it only for `login` and `createWorkspace`. */
  token?: string;
  /**
   * A WebSocket constructor for subscriptions. Defaults to the global `WebSocket` (browsers, Node 22+), else to the
   * `ws` package (Node 20), which is then an optional peer dependency to install.
   */
  webSocketImpl?: unknown;
}

/** Variables may be left out when the operation has none or all of them are optional. */
export type VariablesArgument<TVariables> = {} extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface DeskgraphClient {
  /** Runs a query or mutation. Resolves to `data`; any GraphQL error rejects with a `DeskgraphClientError`. */
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: VariablesArgument<TVariables>
  ): Promise<TResult>;
  /**
   * Starts a subscription; each event's `data` is yielded. Leaving the `for await` loop (or calling `return()`)
   * unsubscribes. An error event or a connection lost for good throws a `DeskgraphClientError` from the loop.
   */
  subscribe<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: VariablesArgument<TVariables>
  ): AsyncIterableIterator<TResult>;
  /** Ends every subscription of this client and closes its WebSocket. HTTP requests need no closing. */
  close(): Promise<void>;
}

interface PreparedOperation {
  query: string;
  operationName: string | undefined;
}

// Generated documents are long-lived module constants: print each once, not on every call.
const prepared = new WeakMap<DocumentNode, PreparedOperation>();
function prepare(document: DocumentNode): PreparedOperation {
  let operation = prepared.get(document);
  if (!operation) {
    operation = { query: print(document), operationName: getOperationAST(document)?.name?.value };
    prepared.set(document, operation);
  }
  return operation;
}

const isCloseEvent = (value: unknown): value is { code: number; reason: string } =>
  typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;

/** Whatever graphql-ws hands to `error` (GraphQL errors, a CloseEvent, an Error), as one error type. */
function toClientError(error: unknown): DeskgraphClientError {
  if (error instanceof DeskgraphClientError) return error;
  if (Array.isArray(error)) return DeskgraphClientError.fromGraphQLErrors(error as DeskgraphGraphQLError[]);
  if (isCloseEvent(error)) {
    // The server closes with 4403 when connection_init carries no valid token, and 4401 when the session or token is
    // revoked while connected: to the caller both mean "this token no longer works", as over HTTP.
    const code = error.code === 4401 || error.code === 4403 ? 'UNAUTHENTICATED' : 'CONNECTION_CLOSED';
    return new DeskgraphClientError(`WebSocket closed: ${error.code} ${error.reason}`.trim(), { code, closeCode: error.code });
  }
  return new DeskgraphClientError(error instanceof Error ? error.message : String(error), { code: 'NETWORK_ERROR', cause: error });
}

export function createDeskgraphClient(options: DeskgraphClientOptions): DeskgraphClient {
  const { url, token } = options;
  const authorization = token ? `Bearer ${token}` : undefined;

  async function request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: VariablesArgument<TVariables>
  ): Promise<TResult> {
    const { query, operationName } = prepare(document);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // GraphQL-over-HTTP: lets the server answer request errors with a 4xx that still carries `errors`.
          accept: 'application/graphql-response+json, application/json;q=0.9',
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify({ query, variables: variables ?? {}, operationName }),
      });
      // Read the body even on 4xx/5xx: GraphQL servers put their typed errors there.
      text = await response.text();
    } catch (cause) {
      // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, ...) is on its cause.
      const reason = (cause as { cause?: { code?: string } }).cause?.code;
      const message = `Could not reach ${url}: ${(cause as Error).message}${reason ? ` (${reason})` : ''}`;
      throw new DeskgraphClientError(message, { code: 'NETWORK_ERROR', cause });
    }

    let body: { data?: unknown; errors?: DeskgraphGraphQLError[] } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (body?.errors?.length) {
      throw DeskgraphClientError.fromGraphQLErrors(body.errors, { status: response.status, data: body.data ?? undefined });
    }
    if (!response.ok || body?.data == null) {
      throw new DeskgraphClientError(`Unexpected HTTP ${response.status} answer from ${url}: ${text.slice(0, 200)}`, {
        code: 'HTTP_ERROR',
        status: response.status,
      });
    }
    return body.data as TResult;
  }

  // One WebSocket for all subscriptions of this client, created on the first `subscribe` so that request-only users
  // never load a WebSocket implementation. graphql-ws is `lazy`: it connects while a subscription is open and closes
  // the socket when the last one ends.
  let ws: Promise<WsClient> | undefined;
  function webSocketClient(): Promise<WsClient> {
    ws ??= (async () => {
      const webSocketImpl =
        options.webSocketImpl ??
        (globalThis as { WebSocket?: unknown }).WebSocket ??
        (await import('ws').then(
          (module) => module.default,
          () => {
            throw new DeskgraphClientError(
              'No WebSocket implementation: install the `ws` package or pass `webSocketImpl` to createDeskgraphClient.',
              { code: 'NETWORK_ERROR' },
            );
          },
        ));
      return createWsClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl,
        connectionParams: authorization ? { authorization } : {},
        // graphql-ws retries 4403 in case access is granted later; here it means the token was refused, and retrying
        // would only delay the error by the whole backoff.
        shouldRetry: (error) => isCloseEvent(error) && error.code !== 4403,
      });
    })();
    // A failed setup (no `ws` installed) should not stick: the next subscribe tries again.
    const attempt = ws;
    attempt.catch(() => {
      if (ws === attempt) ws = undefined;
    });
    return attempt;
  }

  function subscribe<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: VariablesArgument<TVariables>
  ): AsyncIterableIterator<TResult> {
    const { query, operationName } = prepare(document);
    // Hand-written rather than an async generator: a generator's `return()` waits behind a pending `next()`, so a
    // consumer could not stop a quiet subscription. Here `return()` settles a waiting read at once (graphql-ws would
    // only end it after its socket work, which can be a reconnect backoff of seconds when the server just went away).
    let events: Promise<AsyncIterableIterator<FormattedExecutionResult<Record<string, unknown>, unknown>>> | undefined;
    let done = false;
    let stopped!: () => void;
    const whenStopped = new Promise<IteratorResult<never>>((resolve) => (stopped = () => resolve({ done: true, value: undefined })));

    const stop = async () => {
      done = true;
      stopped();
      const source = await events?.catch(() => undefined);
      await source?.return?.();
    };

    const iterator: AsyncIterableIterator<TResult> = {
      [Symbol.asyncIterator]() {
        return iterator;
      },
      async next(): Promise<IteratorResult<TResult>> {
        if (done) return { done: true, value: undefined };
        try {
          events ??= webSocketClient().then((client) =>
            client.iterate({ query, operationName, variables: (variables ?? {}) as Record<string, unknown> }),
          );
          const read = events.then((source) => source.next());
          // Once stopped nobody awaits this read, and graphql-ws may still fail it (a socket closed mid-retry).
          read.catch(() => {});
          const result = await Promise.race([read, whenStopped]);
          if (result.done || done) {
            done = true;
            return { done: true, value: undefined };
          }
          if (result.value.errors?.length) {
            throw DeskgraphClientError.fromGraphQLErrors(result.value.errors as DeskgraphGraphQLError[], {
              data: result.value.data ?? undefined,
            });
          }
          return { done: false, value: result.value.data as TResult };
        } catch (error) {
          await stop();
          throw toClientError(error);
        }
      },
      async return(): Promise<IteratorResult<TResult>> {
        await stop();
        return { done: true, value: undefined };
      },
    };
    return iterator;
  }

  async function close() {
    const client = await ws?.catch(() => undefined);
    ws = undefined;
    try {
      await client?.dispose();
    } catch {
      // graphql-ws rejects here when the socket is between reconnect attempts: there is nothing left to close then.
    }
  }

  return { request, subscribe, close };
}
