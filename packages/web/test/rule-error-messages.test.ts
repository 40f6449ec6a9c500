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
