// Server errors as the screens show them: the message, and the input field it names (extensions.field) so the
// form can put it next to that field.
import type { CombinedError } from '@urql/core';

export type FieldError = { code: string; field: string | null; message: string };

export function errorOf(error: CombinedError | undefined): FieldError | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (!first) return { code: 'NETWORK', field: null, message: error.message };
  const field = typeof first.extensions?.field === 'string' ? first.extensions.field : null;
  return { code: String(first.extensions?.code ?? 'INTERNAL'), field, message: first.message };
}

/** The error when it names this field (`input.name` matches `name`). */
export function fieldError(error: FieldError | null, field: string): string | null {
  if (!error?.field) return null;
  return error.field === field || error.field.endsWith(`.${field}`) ? error.message : null;
}
