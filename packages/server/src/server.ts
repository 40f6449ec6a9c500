// Puts an app on one port: HTTP (GraphQL, GraphiQL, /health, /ready) and graphql-ws on the same path.
// `close()` is the graceful half of shutdown: stop taking work, let in-flight requests finish, close subscriptions
// with 1001 (going away) so clients reconnect elsewhere.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { DocumentNode, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { App } from './app.js';
import { authenticate, bearerToken } from './auth/principal.js';
import { closeSocketsOnRevocation } from './events/socket-revocation.js';

type SocketExtra = {
  principalWatch?: { stop(): void };
};

export async function startServer(app: App, { port, host }: { port: number; host?: string }) {
  const { yoga } = app;
  const config = app.services.config;
  const server = http.createServer(yoga);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const wsServer = new WebSocketServer({ server, path: yoga.graphqlEndpoint, maxPayload: config.limits.maxBodyBytes });

  const wsDisposable = useServer<Record<string, unknown>, SocketExtra>(
    {
      // Refuse the connection at once when its token is missing or bad (graphql-ws closes with 4403).
      onConnect: async (ctx) => {
        const token = bearerToken(String(ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization ?? ''));
        const { principal, visitor } = await authenticate(app.services.db.prisma, token, app.services.clock.now());
        // Chat visitors subscribe to their own conversations; their fields check the visitor on every operation.
        if (!principal) return !!visitor;
        ctx.extra.principalWatch = closeSocketsOnRevocation(app.services.events, principal, (reason) =>
          ctx.extra.socket.close(4401, reason),
        );
        return true;
      },
      onClose: (ctx) => ctx.extra.principalWatch?.stop(),
      execute: (args) => (args.rootValue as { execute: typeof import('graphql').execute }).execute(args),
      subscribe: (args) => (args.rootValue as { subscribe: typeof import('graphql').subscribe }).subscribe(args),
      // Every WebSocket operation goes through yoga's envelop, so auth, limits and error masking apply here too.
      onSubscribe: async (ctx, _id, payload) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          connectionParams: ctx.connectionParams,
        });
        // Syntax errors and query limits (armor throws from parse and validate) are the client's mistake: answer
        // them on this operation and keep the socket.
        const clientErrors = (error: unknown): readonly GraphQLError[] => {
          if (error instanceof Error && error.name === 'GraphQLError') return [error as GraphQLError];
          throw error;
        };
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return clientErrors(error);
        }
        const args = {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        try {
          const errors = validate(args.schema, args.document);
          if (errors.length) return errors;
        } catch (error) {
          return clientErrors(error);
        }
        return args;
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const boundPort = (server.address() as AddressInfo).port;

  return {
    server,
    port: boundPort,
    url: `http://localhost:${boundPort}/graphql`,
    async close() {
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      await wsDisposable.dispose();
      await httpClosed;
      for (const socket of sockets) socket.destroy();
    },
  };
}
