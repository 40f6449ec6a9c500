// Set-up shared by the live-chat tests: agents with tokens, presence and settings, products, topics and conversations,
// all through the GraphQL API.
import { expect } from 'vitest';
import { type GraphQLResponse, PASSWORD, type TestApp, uniqueEmail, type Workspace } from './harness.js';

export type Gql = TestApp['gql'];
export interface Agent {
  id: string;
  token: string;
  name: string;
}

export function chatApi(gql: Gql, workspace: Workspace) {
  async function call<T = any>(query: string, variables: Record<string, unknown> = {}, token = workspace.token): Promise<T> {
    const result = await gql<T>(query, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }
  return {
    call,
    raw: (query: string, variables: Record<string, unknown> = {}, token = workspace.token): Promise<GraphQLResponse> => gql(query, variables, token),
    async agent(name: string, role: 'AGENT' | 'SUPERVISOR' | 'ADMIN' = 'AGENT'): Promise<Agent> {
      const email = uniqueEmail(name);
      const id = (await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name, role, password: PASSWORD } })).createUser.id;
      const token = (await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD })).login.token;
      return { id, token, name };
    },
    async product(name: string): Promise<string> {
      return (await call(`mutation($n: String!) { createProduct(input: { name: $n }) { id } }`, { n: name })).createProduct.id;
    },
    async topic(productId: string, name: string): Promise<string> {
      return (await call(`mutation($p: ID!, $n: String!) { createTicketTopic(input: { productId: $p, name: $n }) { id } }`, { p: productId, n: name })).createTicketTopic.id;
    },
    async setPresence(agent: Agent, status: string, token = agent.token) {
      return (await call(`mutation($i: SetPresenceInput!) { setPresence(input: $i) { status changedAt timeInStatusSeconds } }`, { i: { userId: agent.id, status } }, token))
        .setPresence;
    },
    async settings(agent: Agent, input: { maxConcurrentChats?: number; chatChannels?: string[] }) {
      return (await call(`mutation($i: UpdateAgentChatSettingsInput!) { updateAgentChatSettings(input: $i) { maxConcurrentChats chatChannels } }`, { i: { userId: agent.id, ...input } }))
        .updateAgentChatSettings;
    },
    async start(productId: string, input: { channel?: string; customer?: Record<string, unknown>; body?: string } = {}) {
      return (
        await call(
          `mutation($i: StartConversationInput!) { startConversation(input: $i) { id status queuedAt assigneeUser { id } } }`,
          { i: { productId, channel: input.channel ?? 'LIVE_CHAT', customer: input.customer ?? { name: 'Cem', email: uniqueEmail('cem') }, body: input.body ?? 'Hello?' } },
        )
      ).startConversation as { id: string; status: string; queuedAt: string; assigneeUser: { id: string } | null };
    },
    async conversation(id: string) {
      return (await call(`query($id: ID!) { conversation(id: $id) { id status assigneeUser { id } topic { id } resolvedAt firstResponseAt } }`, { id })).conversation;
    },
    async resolve(id: string, topicId: string, token: string) {
      return (await call(`mutation($i: ResolveConversationInput!) { resolveConversation(input: $i) { id status } }`, { i: { conversationId: id, topicId } }, token))
        .resolveConversation;
    },
    async send(id: string, body: string, token: string) {
      return (await call(`mutation($i: SendConversationMessageInput!) { sendConversationMessage(input: $i) { id kind body } }`, { i: { conversationId: id, body } }, token))
        .sendConversationMessage;
    },
    async queue(productId?: string) {
      return (await call(`query($p: ID) { chatQueue(productId: $p) { waiting onlineAgents queued { id } } }`, { p: productId ?? null })).chatQueue as {
        waiting: number;
        onlineAgents: number;
        queued: { id: string }[];
      };
    },
  };
}

export const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
export function expectError(response: GraphQLResponse, code: string, field?: string) {
  expect(response.errors?.[0]?.extensions?.code, JSON.stringify(response.errors)).toBe(code);
  if (field) expect(response.errors?.[0]?.extensions?.field).toBe(field);
}
