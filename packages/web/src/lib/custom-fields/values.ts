// Custom field values as the screens hold them: the JSON form the API takes (TEXT, DROPDOWN and DATE strings, NUMBER
// a number, CHECKBOX a boolean; null = no value), and which custom field a server refusal names.
import type { TicketFieldType } from '$lib/gql/graphql';
import type { FieldError } from '$lib/errors';

export type CustomFieldValue = string | number | boolean | null;

export interface CustomFieldDefinition {
  key: string;
  name: string;
  type: TicketFieldType;
  options: string[];
  required: boolean;
}

export const TICKET_FIELD_TYPES: TicketFieldType[] = ['TEXT', 'NUMBER', 'CHECKBOX', 'DROPDOWN', 'DATE'];

/** A value the API returned (JSON) as one the controls show; anything else reads as no value. */
export function customFieldValueOf(json: unknown): CustomFieldValue {
  return typeof json === 'string' || typeof json === 'number' || typeof json === 'boolean' ? json : null;
}

/**
 * The key of the custom field a refusal is about: the API names it `input.customFields.<key>` (or, for a malformed
 * entry, `input.customFields.<index>.key`, which no field of the form can cause).
 */
export function customFieldKeyOf(error: FieldError | null): string | null {
  const match = error?.field?.match(/(?:^|\.)customFields\.([a-z][a-z0-9_]*)$/);
  return match ? match[1] : null;
}

/** The list the API's `customFields` inputs take, for the keys in `values`. */
export function customFieldInputs(values: Record<string, CustomFieldValue>) {
  return Object.entries(values).map(([key, value]) => ({ key, value }));
}


/**
 * The list's custom field filter in the URL: `cf` the field's key, `cfv` the value as JSON, so a NUMBER 42, a
 * CHECKBOX true and a TEXT "42" stay apart and need no field definition to read back.
 */
export function customFieldFilterOf(params: URLSearchParams): { key: string | null; value: CustomFieldValue } {
  const key = params.get('cf');
  const raw = params.get('cfv');
  if (!key || raw === null) return { key, value: null };
  try {
    return { key, value: customFieldValueOf(JSON.parse(raw)) };
  } catch {
    return { key, value: raw };
  }
}

export function customFieldFilterParams(key: string | null, value: CustomFieldValue): Record<string, string | null> {
  return { cf: key, cfv: key && value !== null ? JSON.stringify(value) : null };
}
