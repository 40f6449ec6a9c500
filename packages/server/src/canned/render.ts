// Placeholders in canned responses (pure): which ones exist, and filling them in for one ticket and one agent.
// Values are inserted as plain text in a single pass: nothing is HTML-escaped or interpreted, and a value that looks
// like a placeholder (a customer who calls themselves "{{agent.name}}") is never expanded in turn.

export const PLACEHOLDERS = [
  'customer.name',
  'customer.firstName',
  'agent.name',
  'ticket.number',
  'ticket.subject',
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];

export interface RenderValues {
  customer: { name: string };
  agent: { name: string };
  ticket: { number: number; subject: string };
}

// `{{ customer.name }}` and `{{customer.name}}` are the same placeholder; a lone `{{` is just text.
const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

const isKnown = (name: string): name is Placeholder => (PLACEHOLDERS as readonly string[]).includes(name);

/** The placeholders of `body` that do not exist, each once, as written (`{{customer.phone}}`). */
export function unknownPlaceholders(body: string): string[] {
  const unknown = new Set<string>();
  for (const match of body.matchAll(PLACEHOLDER_PATTERN)) {
    if (!isKnown(match[1])) unknown.add(`{{${match[1]}}}`);
  }
  return [...unknown];
}

/** The refusal for a body with unknown placeholders, naming them and listing the ones that exist. */
export function unknownPlaceholderMessage(unknown: string[]): string {
  const known = PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ');
  const named = unknown.join(', ');
  return `Unknown placeholder${unknown.length === 1 ? '' : 's'} ${named}. Placeholders you can use: ${known}.`;
}

/** The first word of a name ("Ahmet" for "Ahmet Kaya"); the whole name when it is one word. */
export function firstNameOf(name: string): string {
  const trimmed = name.trim();
  return trimmed.split(/\s+/)[0] ?? trimmed;
}

function valueOf(name: Placeholder, values: RenderValues): string {
  switch (name) {
    case 'customer.name':
      return values.customer.name.trim();
    case 'customer.firstName':
      return firstNameOf(values.customer.name);
    case 'agent.name':
      return values.agent.name.trim();
    case 'ticket.number':
      return String(values.ticket.number);
    case 'ticket.subject':
      return values.ticket.subject;
  }
}

/** `body` with every known placeholder filled in; unknown ones (refused when saving) stay as written. */
export function renderCannedResponse(body: string, values: RenderValues): string {
  // A replacer function, not a replacement string: a value such as "$&" is inserted as is.
  return body.replace(PLACEHOLDER_PATTERN, (whole, name: string) => (isKnown(name) ? valueOf(name, values) : whole));
}
