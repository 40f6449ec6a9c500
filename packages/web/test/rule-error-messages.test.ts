// The rule and SLA forms show the server's validation messages in the agent's language by recognising their English
// text (src/lib/rules/serverMessages.ts). This asks the real API for those messages, so that a reworded message on the
// server fails here instead of reaching Turkish agents untranslated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/harness.js';
import { en } from '../src/lib/i18n/en.js';
import { localizedServerMessage } from '../src/lib/rules/serverMessages.js';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await startTestApp();
  token = (await t.signUp('Kural Mesajları')).token;
});

afterAll(async () => {
  await t?.stop();
});

/** The message of the server's refusal of an SLA rule with these conditions. */
async function refusalOf(conditions: unknown[]): Promise<string> {
  const result = await t.gql(`mutation($i: CreateSlaRuleInput!) { createSlaRule(input: $i) { id } }`, { i: { name: 'Probe', conditions } }, token);
  expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  return result.errors![0].message;
}

describe('rule validation messages the forms translate', () => {
  const cases: [string, unknown[], string][] = [
    ['an empty any-of group', [{ kind: 'any', config: { conditions: [] } }], 'groupEmpty'],
    ['an empty priority list', [{ kind: 'priority', config: { priorities: [] } }], 'listOne'],
    ['an empty subject text', [{ kind: 'subjectContains', config: { text: '' } }], 'notEmpty'],
    ['a domain that is not one', [{ kind: 'customerEmailDomain', config: { domains: ['not a domain'] } }], 'domain'],
    ['a custom field that does not exist', [{ kind: 'customField', config: { key: 'plan', operator: 'EQUALS', value: 'Gold' } }], 'noField'],
    ['a moment with no bound', [{ kind: 'createdAt', config: {} }], 'momentNeedsOne'],
    ['an unknown priority', [{ kind: 'priority', config: { priorities: ['SOON'] } }], 'invalidOption'],
  ];
  for (const [name, conditions, key] of cases) {
    it(`recognises ${name}`, async () => {
      const message = await refusalOf(conditions);
      const translated = localizedServerMessage(message, (id) => id);
      expect({ message, key: translated }).toEqual({ message, key: `ruleErrors.${key}` });
      expect(en.ruleErrors).toHaveProperty(key);
    });
  }
});

describe('why a dry run would skip an action', () => {
  it('recognises round robin finding nobody in the team', async () => {
    const call = async (query: string, variables: Record<string, unknown> = {}) => {
      const result = await t.gql(query, variables, token);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!;
    };
    const productId = (await call(`mutation { createProduct(input: { name: "Kiosk" }) { id } }`)).createProduct.id;
    const teamId = (await call(`mutation { createTeam(input: { name: "Nobody yet" }) { id } }`)).createTeam.id;
    const ruleId = (
      await call(`mutation($i: CreateRuleInput!) { createRule(input: $i) { id } }`, {
        i: { name: 'Spread', triggers: ['TICKET_UPDATED'], conditions: [], actions: [{ kind: 'roundRobin', config: { teamId } }] },
      })
    ).createRule.id;
    const ticketId = (
      await call(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`, {
        i: { productId, subject: 'Probe', description: 'Probe', customer: { name: 'Probe', email: 'probe@example.test' } },
      })
    ).createTicket.id;
    const { testRule } = await call(`query($r: ID!, $k: ID!) { testRule(ruleId: $r, ticketId: $k) { actions { problem } } }`, { r: ruleId, k: ticketId });
    const message = testRule.actions[0].problem as string;
    expect({ message, key: localizedServerMessage(message, (id) => id) }).toEqual({ message, key: 'ruleErrors.noTeamMember' });
  });
});
