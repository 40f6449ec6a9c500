// A user of workspace A can never read or change anything of workspace B. The probes are generated from the
// schema itself: every root query and mutation field is called by A's admin (session and API token) with every id of
// B's objects in every id argument, so a field added later cannot escape this test.
import { createHmac, randomBytes } from 'node:crypto';
import {
  getNamedType,
  getNullableType,
  type GraphQLField,
  type GraphQLInputType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLOutputType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  isNonNullType,
} from 'graphql';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { PASSWORD, startTestApp, type TestApp, type Workspace } from './harness.js';

const marker = `SECRETB${randomBytes(4).toString('hex')}`;
let t: TestApp;
let a: Workspace;
let b: Workspace;
let aApiToken: string;
const bIds: string[] = [];
const bSecrets: string[] = [marker];

// Building B: one object of every type, all named with the marker.
async function seedWorkspaceB() {
  const call = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await t.gql(query, variables, b.token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };
  const user = await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
    i: { email: `${marker.toLowerCase()}-agent@example.test`, name: `${marker} Agent`, role: 'AGENT', password: PASSWORD },
  });
  const team = await call(`mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }`, {
    i: { name: `${marker} Team`, memberIds: [user.createUser.id] },
  });
  const product = await call(`mutation($i: CreateProductInput!) { createProduct(input: $i) { id channels { id } } }`, {
    i: { name: `${marker} Product`, channels: ['EMAIL', 'WHATSAPP'] },
  });
  const customer = await call(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`, {
    i: { name: `${marker} Customer`, email: `${marker.toLowerCase()}-customer@example.test`, phone: '+90 555 000 0000' },
  });
  const token = await call(`mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret apiToken { id } } }`, {
    i: { name: `${marker} Token`, scopes: ['ADMIN'] },
  });
  // SLA: a calendar, a policy on it, the rule choosing it, and a ticket under it (so B has SLA targets too).
  const calendar = await call(`mutation($i: CreateBusinessCalendarInput!) { createBusinessCalendar(input: $i) { id } }`, {
    i: { name: `${marker} Office`, timeZone: 'Europe/Istanbul', weeklyHours: [{ day: 'MONDAY', start: '09:00', end: '17:00' }] },
  });
  const policy = await call(`mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }`, {
    i: { name: `${marker} Policy`, calendarId: calendar.createBusinessCalendar.id, targets: [{ metric: 'FIRST_RESPONSE', minutes: 60 }], targetRate: 80 },
  });
  const slaRule = await call(`mutation($i: CreateSlaRuleInput!) { createSlaRule(input: $i) { id } }`, {
    i: { name: `${marker} Rule`, conditions: [], policyId: policy.createSlaPolicy.id },
  });
  const ticket = await call(`mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { id slaTargets { id } } }`, {
    i: { productId: product.createProduct.id, channel: 'EMAIL', customer: { name: `${marker} Customer`, email: `${marker.toLowerCase()}-customer@example.test` }, subject: `${marker} subject`, body: `${marker} body` },
  });
  if (ticket.createTicketFromCustomer.slaTargets.length !== 1) throw new Error('the SLA rule gave B no target to probe with');
  // A custom field, with a value on B's ticket.
  const ticketField = await call(`mutation($i: CreateTicketFieldInput!) { createTicketField(input: $i) { id } }`, {
    i: { key: 'plan', name: `${marker} Plan`, type: 'DROPDOWN', options: [`${marker} Gold`] },
  });
  await call(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, {
    i: { id: ticket.createTicketFromCustomer.id, customFields: [{ key: 'plan', value: `${marker} Gold` }] },
  });
  // A signed Meta delivery to B's WhatsApp endpoint, so B has a WebhookDelivery (and the conversation it opened).
  const whatsapp = await call(`mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`, {
    i: { productId: product.createProduct.id, channel: 'WHATSAPP', enabled: true, settings: { verifyToken: marker, appSecret: marker, phoneNumberId: '1' } },
  });
  const webhookBody = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: {
      metadata: { phone_number_id: '1' },
      contacts: [{ profile: { name: `${marker} WhatsApp` }, wa_id: '905550000000' }],
      messages: [{ from: '905550000000', id: `wamid.${marker}`, timestamp: '1764496800', type: 'text', text: { body: `${marker} hello` } }],
    } }] }],
  });
  await t.app.yoga.fetch(`http://deskgraph.test/webhooks/meta/${decodeGlobalID(whatsapp.configureProductChannel.id).id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', marker).update(webhookBody).digest('hex')}` },
    body: webhookBody,
  });
  await t.app.webhooks.settled();
  const webhookDeliveries = await call(`{ webhookDeliveries(first: 1) { edges { node { id status } } } }`);
  if (webhookDeliveries.webhookDeliveries.edges[0]?.node.status !== 'PROCESSED') throw new Error('B has no processed webhook delivery to probe with');
  const viewer = await call(`{ viewer { workspace { id } user { id } } }`);
  bIds.push(
    webhookDeliveries.webhookDeliveries.edges[0].node.id,
    calendar.createBusinessCalendar.id,
    policy.createSlaPolicy.id,
    slaRule.createSlaRule.id,
    ticketField.createTicketField.id,
    ticket.createTicketFromCustomer.id,
    ...ticket.createTicketFromCustomer.slaTargets.map((target: { id: string }) => target.id),
    viewer.viewer.workspace.id,
    viewer.viewer.user.id,
    user.createUser.id,
    team.createTeam.id,
    product.createProduct.id,
    ...product.createProduct.channels.map((channel: { id: string }) => channel.id),
    customer.createCustomer.id,
    token.createApiToken.apiToken.id,
  );
  bSecrets.push(token.createApiToken.secret, b.token, ...bIds, ...bIds.map((id) => decodeGlobalID(id).id));
}

/** Everything B has, as B's admin sees it: compared before and after the probes. */
const B_SNAPSHOT = `{
  viewer { workspace { name timeZone language updatedAt } }
  users(first: 100, includeDeactivated: true) { edges { node { id email name role active updatedAt teams { id } } } }
  teams(first: 100) { edges { node { id name members { id } } } }
  products(first: 100) { edges { node { id name updatedAt channels { id channel enabled settings } } } }
  customers(first: 100) { edges { node { id name email phone updatedAt } } }
  apiTokens(first: 100, includeRevoked: true) { edges { node { id name revokedAt scopes } } }
  businessCalendars { id name timeZone weeklyHours { day start end } updatedAt }
  slaPolicies { id name targetRate targets { metric minutes } updatedAt }
  slaRules { id name position enabled policy { id } }
  ticketFields { id key name options required position }
}`;

// ---- Generating operations from the schema ----

function valueFor(name: string, type: GraphQLInputType, idValue: string, depth = 0): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (nullable instanceof GraphQLList) return [valueFor(name, nullable.ofType, idValue, depth + 1)];
  if (nullable instanceof GraphQLInputObjectType) {
    return Object.fromEntries(
      Object.values(nullable.getFields()).map((field) => [field.name, valueFor(field.name, field.type, idValue, depth + 1)]),
    );
  }
  if (nullable instanceof GraphQLEnumType) return nullable.getValues()[0].value;
  const scalar = (nullable as GraphQLScalarType).name;
  switch (scalar) {
    case 'ID':
      return idValue;
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return true;
    case 'DateTime':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'JSON':
      return {};
    default: {
      const lower = name.toLowerCase();
      if (lower.includes('email')) return `probe-${randomBytes(4).toString('hex')}@example.test`;
      if (lower.includes('password')) return 'isolation probe password';
      if (lower.includes('timezone')) return 'UTC';
      if (lower.includes('language')) return 'en';
      if (lower.includes('phone') || lower.includes('whatsapp')) return '+1 555 0100';
      return `probe ${randomBytes(3).toString('hex')}`;
    }
  }
}

function typeToString(type: GraphQLInputType): string {
  return type.toString();
}

/**
 * A selection of every field without required arguments, a few levels deep. Inside the fragments of an interface
 * fields are aliased by type, since `email` may be nullable on one type and not on another.
 */
function selectionFor(type: GraphQLOutputType, depth: number, aliasPrefix = ''): string {
  const named = getNamedType(type);
  if (!isObjectType(named) && !isInterfaceType(named) && !isUnionType(named)) return '';
  if (depth === 0) return isObjectType(named) && named.getFields().id ? '{ id }' : '{ __typename }';
  if (isUnionType(named)) return '{ __typename }';
  const fields = Object.values((named as GraphQLObjectType).getFields())
    .filter((field) => field.args.every((arg) => !isNonNullType(arg.type)))
    .map((field) => {
      const inner = selectionFor(field.type, depth - 1);
      const named = getNamedType(field.type);
      if ((isObjectType(named) || isInterfaceType(named)) && !inner) return '';
      return `${aliasPrefix ? `${aliasPrefix}_${field.name}: ` : ''}${field.name} ${inner}`;
    })
    .filter(Boolean);
  const inlineForInterface = isInterfaceType(named)
    ? schema
        .getPossibleTypes(named)
        .map((possible) => `... on ${possible.name} ${selectionFor(possible, depth - 1, possible.name)}`)
        .join(' ')
    : '';
  return `{ __typename ${fields.join(' ')} ${inlineForInterface} }`;
}

// Connections take `first`+`after` or `last`+`before`; probing the forward pair reaches the real query.
const probedArgs = (field: GraphQLField<unknown, unknown>) => field.args.filter((arg) => arg.name !== 'before' && arg.name !== 'last');

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const variableDefs = probedArgs(field).map((arg) => `$${arg.name}: ${typeToString(arg.type)}`).join(', ');
  const args = probedArgs(field).map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${kind} Probe${variableDefs ? `(${variableDefs})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selectionFor(field.type, 3)} }`;
}

const rootFields = (kind: 'query' | 'mutation') => {
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  // logout ends the caller's own session, so it goes last.
  return Object.values(root.getFields()).sort((x, y) => Number(x.name === 'logout') - Number(y.name === 'logout'));
};

const ALLOWED_REFUSALS = new Set(['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT', 'CONFLICT', 'UNAUTHENTICATED']);

beforeAll(async () => {
  // Probes select every field of every type behind `node`, which needs more aliases than a client screen would.
  t = await startTestApp({ GRAPHQL_MAX_ALIASES: '500' });
  b = await t.signUp('Workspace B');
  await seedWorkspaceB();
  a = await t.signUp('Workspace A');
  const created = await t.gql(
    `mutation { createApiToken(input: { name: "A admin token", scopes: [ADMIN] }) { secret } }`,
    {},
    a.token,
  );
  aApiToken = created.data!.createApiToken.secret;
}, 120_000);
afterAll(() => t.stop());

describe('workspace isolation (generated from the schema)', () => {
  it('covers every root field and every subscription', () => {
    expect(rootFields('query').length).toBeGreaterThan(5);
    expect(rootFields('mutation').length).toBeGreaterThan(10);
    // Subscriptions cannot be probed by fetch; each must have its own cross-workspace test, listed here.
    // slaAlerts and slaClock: test/sla-alerts.test.ts.
    // conversationEvents and chatQueue: test/live-chat-subscriptions.test.ts.
    // cockpit: test/cockpit.test.ts; visitorConversationEvents: test/visitor-chat.test.ts.
    const subscriptionsWithIsolationTests = ['workspaceEvents', 'ticketEvents', 'slaAlerts', 'slaClock', 'conversationEvents', 'chatQueue', 'cockpit', 'visitorConversationEvents'];
    expect(Object.keys(schema.getSubscriptionType()!.getFields()).sort()).toEqual(subscriptionsWithIsolationTests.sort());
  });

  for (const kind of ['query', 'mutation'] as const) {
    it(`no ${kind} field reads or changes workspace B for workspace A's admin`, async () => {
      const before = await t.gql(B_SNAPSHOT, {}, b.token);
      expect(before.errors).toBeUndefined();
      let probes = 0;
      for (const field of rootFields(kind)) {
        const operation = operationFor(kind, field);
        for (const principalToken of [aApiToken, a.token]) {
          for (const id of bIds) {
            const variables = Object.fromEntries(probedArgs(field).map((arg) => [arg.name, valueFor(arg.name, arg.type, id)]));
            const response = await t.gql(operation, variables, principalToken);
            probes++;
            const text = JSON.stringify(response);
            for (const secret of bSecrets) {
              expect(text.includes(secret), `${field.name} with ${id} leaked ${secret}: ${text}`).toBe(false);
            }
            for (const error of response.errors ?? []) {
              // A malformed probe would prove nothing: every error must be a domain refusal, not a request error.
              expect(ALLOWED_REFUSALS.has(error.extensions?.code), `${field.name}: ${JSON.stringify(error)}\n${operation}`).toBe(true);
            }
          }
        }
      }
      expect(probes).toBeGreaterThan(50);
      const after = await t.gql(B_SNAPSHOT, {}, b.token);
      expect(after).toEqual(before);
    }, 180_000);
  }
});
