// The server writes its validation messages in English; the rule and SLA forms show them in the agent's language.
// Known messages (those of the rule condition kinds and the SLA inputs) map to dictionary keys; any other keeps the
// server's text behind a translated lead, so nothing the server said is hidden.

type Translate = (key: string, options?: { values: Record<string, string | number> }) => string;

const PATTERNS: [RegExp, string, (match: RegExpMatchArray) => Record<string, string | number>][] = [
  [/^List at least one condition\.$/, 'groupEmpty', () => ({})],
  [/^List at least one( \w+)?\.$/, 'listOne', () => ({})],
  [/^At most (\d+) characters\.$/, 'atMostChars', (m) => ({ n: Number(m[1]) })],
  [/^At most (\d+)\.$/, 'atMostItems', (m) => ({ n: Number(m[1]) })],
  [/^Must not be empty\.$|^Must be a non-empty string\.$/, 'notEmpty', () => ({})],
  [/^Must be a domain such as/, 'domain', () => ({})],
  [/^Must be a whole number of minutes\.$/, 'wholeMinutes', () => ({})],
  [/^Must be 0 or more\.$/, 'notNegative', () => ({})],
  [/^At most ten years\.$/, 'tenYears', () => ({})],
  [/^Must be a date-time such as/, 'dateTime', () => ({})],
  [/^Give at least one of olderThanMinutes/, 'momentNeedsOne', () => ({})],
  [/^This workspace has no custom field "(.*)"/, 'noField', (m) => ({ key: m[1] })],
  [/^A (\w+) field takes /, 'operatorNotForType', (m) => ({ type: m[1] })],
  [/^Must be .* \(a (\w+) field\)\.$/, 'wrongValueType', (m) => ({ type: m[1] })],
  [/^Must be one of: (.*)\.$/, 'oneOf', (m) => ({ options: m[1] })],
  [/ needs a value\.$|^Give a value to compare with/, 'needsValue', () => ({})],
  [/^\w+ not found\.$/, 'notFound', () => ({})],
  [/^Must start with a lower-case letter/, 'fieldKey', () => ({})],
  [/^Must be one of subject, /, 'fieldChanged', () => ({})],
  [/^Invalid option/, 'invalidOption', () => ({})],
  [/^Must not contain NUL characters\.$/, 'nul', () => ({})],
  [/with this name already exists\.$/, 'nameTaken', () => ({})],
  [/^An automatic reply is sent by no agent/, 'agentName', () => ({})],
  [/^Unknown placeholders? (.*?)\. Placeholders you can use/, 'unknownPlaceholder', (m) => ({ names: m[1] })],
  // Why a dry run would skip an assignment (the ticket service's and round robin's words).
  [/^This user is deactivated\.$/, 'userDeactivated', () => ({})],
  [/^This (user|team) may not be assigned tickets of this product\.$/, 'notForProduct', () => ({})],
  [/^No active member of the team may be assigned/, 'noTeamMember', () => ({})],
];

/** `refusal`: the server's message, or an error errorOf read (already in the agent's language when `localized`). */
export function localizedServerMessage(refusal: string | { message: string; localized: boolean }, translate: Translate): string {
  if (typeof refusal !== 'string' && refusal.localized) return refusal.message;
  const message = typeof refusal === 'string' ? refusal : refusal.message;
  for (const [pattern, key, values] of PATTERNS) {
    const match = message.match(pattern);
    if (match) return translate(`ruleErrors.${key}`, { values: values(match) });
  }
  return translate('ruleErrors.other', { values: { message } });
}
