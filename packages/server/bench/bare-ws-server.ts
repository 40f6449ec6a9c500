// The reference for bench scenario (g): the bare minimum of a GraphQL realtime server, run as its own process like a
// deskgraph instance. graphql-yoga answers the triggering mutation over HTTP, graphql-ws (useServer on ws, plain
// graphql execute/subscribe) serves the same `conversationEvents` and `workspaceEvents` subscriptions from an
// in-memory pub/sub (the conversation from memory too): no auth, no database, no outbox, no Redis, no envelop plugins.
// Prints "bare graphql-ws ready on <url>" when listening.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { useServer } from 'graphql-ws/use/ws';
import { createPubSub, createSchema, createYoga, filter, pipe } from 'graphql-yoga';
import { WebSocketServer } from 'ws';

interface BareEvent {
  id: string;
  type: string;
  entityType: string;
  entityId: string;
  occurredAt: string;
}

interface BareConversationEvent {
  eventId: string;
  type: string;
  messageId: string;
  occurredAt: string;
  conversation: { id: string; status: string };
}

const pubsub = createPubSub<{ events: [BareEvent]; conversations: [BareConversationEvent] }>();
let nextId = 0;

const schema = createSchema({
  typeDefs: /* GraphQL */ `
    type DomainEvent { id: ID!, type: String!, entityType: String!, entityId: ID!, occurredAt: String! }
    type Customer { id: ID! }
    input CreateCustomerInput { name: String!, email: String }
    type Conversation { id: ID!, status: String! }
    type ConversationEvent { eventId: ID!, type: String!, messageId: ID, occurredAt: String!, conversation: Conversation! }
    type ConversationMessage { id: ID! }
    input SendConversationMessageInput { conversationId: ID!, body: String }
    type Query { ok: Boolean! }
    type Mutation {
      createCustomer(input: CreateCustomerInput!): Customer!
      sendConversationMessage(input: SendConversationMessageInput!): ConversationMessage!
    }
    type Subscription {
      workspaceEvents(types: [String!]): DomainEvent!
      conversationEvents(productId: ID, conversationId: ID): ConversationEvent!
    }
  `,
  resolvers: {
    Query: { ok: () => true },
    Mutation: {
      createCustomer: () => {
        const event = { id: String(++nextId), type: 'customer.created', entityType: 'Customer', entityId: randomUUID(), occurredAt: new Date().toISOString() };
        pubsub.publish('events', event);
        return { id: event.entityId };
      },
      sendConversationMessage: (_root: unknown, { input }: { input: { conversationId: string } }) => {
        const messageId = randomUUID();
        pubsub.publish('conversations', {
          eventId: String(++nextId),
          type: 'MESSAGE',
          messageId,
          occurredAt: new Date().toISOString(),
          conversation: { id: input.conversationId, status: 'ACTIVE' },
        });
        return { id: messageId };
      },
    },
    Subscription: {
      workspaceEvents: {
        // The same type filter deskgraph applies (`customer.*` matches `customer.created`).
        subscribe: (_root: unknown, args: { types?: string[] | null }) =>
          pipe(
            pubsub.subscribe('events'),
            filter((event: BareEvent) => !args.types?.length || args.types.some((t) => (t.endsWith('.*') ? event.type.startsWith(t.slice(0, -1)) : t === event.type))),
          ),
        resolve: (event: BareEvent) => event,
      },
      conversationEvents: {
        subscribe: () => pubsub.subscribe('conversations'),
        resolve: (event: BareConversationEvent) => event,
      },
    },
  },
});

const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', landingPage: false, logging: false });
const server = http.createServer(yoga);
const wsServer = new WebSocketServer({ server, path: '/graphql' });
useServer({ schema }, wsServer);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
process.stdout.write(`bare graphql-ws ready on http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`);

process.on('SIGTERM', () => {
  for (const client of wsServer.clients) client.terminate();
  server.close(() => process.exit(0));
});
