// A refused mutation as the screens show it: the server's message and, for BAD_USER_INPUT, the input field it names
// (so the form can say which box is wrong).
import type { CombinedError } from '@urql/core';

export type FieldError = { message: string; field: string | null };

export function fieldErrorOf(error: CombinedError | undefined): FieldError | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (!first) return { message: error.message, field: null };
  const field = first.extensions?.field;
  return { message: first.message, field: typeof field === 'string' ? field : null };
}
