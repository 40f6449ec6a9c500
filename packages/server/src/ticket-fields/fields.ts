// Ticket custom fields (pure): what a field definition may be, what a value of each type is, how a value changes
// (history), and how a rule condition compares one. No Prisma and no GraphQL: services and rule kinds share it.
import { TicketFieldType } from '../generated/prisma/enums.js';

export const TICKET_FIELD_TYPES = Object.values(TicketFieldType) as [TicketFieldType, ...TicketFieldType[]];

/** Lower-case, starts with a letter, at most 40: it is written into rules, filters and integrations verbatim. */
export const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const FIELD_KEY_MESSAGE = 'Must start with a lower-case letter and use only a-z, 0-9 and _, at most 40 characters.';
export const MAX_OPTIONS = 100;
export const MAX_OPTION_LENGTH = 100;
export const MAX_TEXT_LENGTH = 1000;
/** A workspace's fields are one form; more than this is no longer a form anyone fills in. */
export const MAX_FIELDS = 100;

/** What a stored value is: TEXT, DROPDOWN and DATE are strings, NUMBER a number, CHECKBOX a boolean. */
export type FieldValue = string | number | boolean;
export type CustomFieldValues = Record<string, FieldValue>;

export interface FieldDefinition {
  key: string;
  type: TicketFieldType;
  options: readonly string[];
  required: boolean;
}

/** A problem with an input, at `path` below the input item it is about ('' = the item itself). */
export interface Problem {
  path: string;
  message: string;
}

const storable = (text: string) => !text.includes('\u0000');

/**
 * The options of a field as they will be stored (trimmed), or the first problem. Only DROPDOWN fields have options:
 * at least one, each non-empty and unique ignoring case (rules compare choices ignoring case).
 */
export function optionsOf(type: TicketFieldType, options: readonly string[] | null | undefined): { options: string[] } | { problem: Problem } {
  if (type !== 'DROPDOWN') {
    if (options && options.length > 0) return { problem: { path: '', message: 'Only DROPDOWN fields have options.' } };
    return { options: [] };
  }
  if (!options || options.length === 0) return { problem: { path: '', message: 'A DROPDOWN field needs at least one option.' } };
  if (options.length > MAX_OPTIONS) return { problem: { path: '', message: `At most ${MAX_OPTIONS} options.` } };
  const trimmed = options.map((option) => option.trim());
  const seen = new Set<string>();
  for (const [index, option] of trimmed.entries()) {
    if (option.length === 0) return { problem: { path: String(index), message: 'Must not be empty.' } };
    if (option.length > MAX_OPTION_LENGTH) return { problem: { path: String(index), message: `At most ${MAX_OPTION_LENGTH} characters.` } };
    if (!storable(option)) return { problem: { path: String(index), message: 'Must not contain NUL characters.' } };
    const folded = option.toLowerCase();
    if (seen.has(folded)) return { problem: { path: String(index), message: `"${option}" is listed twice.` } };
    seen.add(folded);
  }
  return { options: trimmed };
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(text: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const TYPE_SHAPE: Record<TicketFieldType, string> = {
  TEXT: 'a string',
  NUMBER: 'a number such as 42 or 9.5',
  CHECKBOX: 'true or false',
  DROPDOWN: 'one of the options, as a string',
  DATE: 'a date written YYYY-MM-DD',
};

/**
 * A value a client sent for a field → the value to store: null clears (so does an empty TEXT, which is what a
 * cleared text box sends). DROPDOWN values are stored as the option is spelled, whatever case was sent.
 */
export function valueOf(field: FieldDefinition, raw: unknown): { value: FieldValue | null } | { problem: string } {
  if (raw === null || raw === undefined) return { value: null };
  const wrongType = { problem: `Must be ${TYPE_SHAPE[field.type]} (a ${field.type} field).` };
  switch (field.type) {
    case 'TEXT': {
      if (typeof raw !== 'string') return wrongType;
      const text = raw.trim();
      if (text.length > MAX_TEXT_LENGTH) return { problem: `At most ${MAX_TEXT_LENGTH} characters.` };
      if (!storable(text)) return { problem: 'Must not contain NUL characters.' };
      return { value: text.length === 0 ? null : text };
    }
    case 'NUMBER':
      return typeof raw === 'number' && Number.isFinite(raw) ? { value: raw } : wrongType;
    case 'CHECKBOX':
      return typeof raw === 'boolean' ? { value: raw } : wrongType;
    case 'DROPDOWN': {
      if (typeof raw !== 'string') return wrongType;
      const option = field.options.find((candidate) => candidate.toLowerCase() === raw.trim().toLowerCase());
      return option ? { value: option } : { problem: `Must be one of: ${field.options.join(', ')}.` };
    }
    case 'DATE':
      return typeof raw === 'string' && isCalendarDate(raw) ? { value: raw } : wrongType;
  }
}

/** Values as stored on the ticket row (JSON keyed by field key); anything that is not a value is ignored. */
export function storedValues(json: unknown): CustomFieldValues {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {};
  return Object.fromEntries(
    Object.entries(json).filter((entry): entry is [string, FieldValue] => ['string', 'number', 'boolean'].includes(typeof entry[1])),
  );
}

/** One custom field's change, as a ticket history entry. */
export interface CustomFieldChange {
  field: `customField:${string}`;
  from: FieldValue | null;
  to: FieldValue | null;
}

export const historyFieldOf = (key: string) => `customField:${key}` as const;

export function diffCustomFields(before: CustomFieldValues, after: CustomFieldValues): CustomFieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) =>
    before[key] === after[key] ? [] : [{ field: historyFieldOf(key), from: before[key] ?? null, to: after[key] ?? null }],
  );
}

// ---------------------------------------------------------------- rule conditions

export const FIELD_OPERATORS = ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'GREATER_THAN', 'LESS_THAN', 'IS_SET', 'IS_NOT_SET'] as const;
export type FieldOperator = (typeof FIELD_OPERATORS)[number];

const OPERATORS_OF_TYPE: Record<TicketFieldType, readonly FieldOperator[]> = {
  TEXT: ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'IS_SET', 'IS_NOT_SET'],
  NUMBER: ['EQUALS', 'NOT_EQUALS', 'GREATER_THAN', 'LESS_THAN', 'IS_SET', 'IS_NOT_SET'],
  CHECKBOX: ['EQUALS', 'NOT_EQUALS', 'IS_SET', 'IS_NOT_SET'],
  DROPDOWN: ['EQUALS', 'NOT_EQUALS', 'IS_SET', 'IS_NOT_SET'],
  DATE: ['EQUALS', 'NOT_EQUALS', 'GREATER_THAN', 'LESS_THAN', 'IS_SET', 'IS_NOT_SET'],
};

export interface FieldConditionConfig {
  key: string;
  operator: FieldOperator;
  /** Absent for IS_SET / IS_NOT_SET. */
  value?: FieldValue;
}

/** Checked against the field when a rule is saved: the operator fits the type, the value is a value of the field. */
export function fieldConditionProblem(field: FieldDefinition, config: FieldConditionConfig): Problem | null {
  if (!OPERATORS_OF_TYPE[field.type].includes(config.operator)) {
    return { path: 'operator', message: `A ${field.type} field takes ${OPERATORS_OF_TYPE[field.type].join(', ')}.` };
  }
  if (config.operator === 'IS_SET' || config.operator === 'IS_NOT_SET') return null;
  if (config.operator === 'CONTAINS') {
    return typeof config.value === 'string' && config.value.trim().length > 0 ? null : { path: 'value', message: 'Must be a non-empty string.' };
  }
  const parsed = valueOf(field, config.value);
  if ('problem' in parsed) return { path: 'value', message: parsed.problem };
  if (parsed.value === null) return { path: 'value', message: `Give a value to compare with (${config.operator}).` };
  return null;
}

const fold = (value: FieldValue) => (typeof value === 'string' ? value.toLowerCase() : value);

/**
 * Whether a ticket's value (undefined: not set) meets the condition. Text compares ignoring case. A CHECKBOX never
 * ticked reads as false. An unset value is never EQUALS, CONTAINS, GREATER_THAN or LESS_THAN anything, and always
 * NOT_EQUALS. The kind of comparison follows the config's value (numbers as numbers, YYYY-MM-DD dates as text,
 * which orders them), so evaluating needs no field definition.
 */
export function fieldConditionHolds(config: FieldConditionConfig, stored: FieldValue | undefined): boolean {
  const actual = stored === undefined && typeof config.value === 'boolean' ? false : stored;
  switch (config.operator) {
    case 'IS_SET':
      return stored !== undefined;
    case 'IS_NOT_SET':
      return stored === undefined;
    case 'EQUALS':
      return actual !== undefined && config.value !== undefined && fold(actual) === fold(config.value);
    case 'NOT_EQUALS':
      return actual === undefined || config.value === undefined || fold(actual) !== fold(config.value);
    case 'CONTAINS':
      return typeof actual === 'string' && typeof config.value === 'string' && actual.toLowerCase().includes(config.value.toLowerCase());
    case 'GREATER_THAN':
    case 'LESS_THAN': {
      if (actual === undefined || config.value === undefined || typeof actual !== typeof config.value || typeof actual === 'boolean') return false;
      return config.operator === 'GREATER_THAN' ? actual > config.value : actual < config.value;
    }
  }
}
