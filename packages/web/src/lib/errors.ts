// Server errors as the screens show them: the message, and the input field it names (extensions.field) so the
// form can put it next to that field.
import type { CombinedError } from '@urql/core';
import { _ } from 'svelte-i18n';
import { get } from 'svelte/store';

export type FieldError = { code: string; field: string | null; message: string };

// Codes whose server text says nothing the agent can act on beyond "try again" or "sign in": shown in the agent's
// language. Refusals that explain themselves (bad input, conflicts, permissions) keep the server's words.
const GENERAL_MESSAGES: Record<string, string> = {
  NETWORK: 'serverErrors.network',
  SERVICE_UNAVAILABLE: 'serverErrors.unavailable',
  RATE_LIMITED: 'serverErrors.rateLimited',
  UNAUTHENTICATED: 'serverErrors.unauthenticated',
  INTERNAL_SERVER_ERROR: 'serverErrors.internal',
};

function generalMessage(code: string, fallback: string, retryAfterSeconds: unknown): string {
  const key = GENERAL_MESSAGES[code];
  if (!key) return fallback;
  const seconds = typeof retryAfterSeconds === 'number' ? retryAfterSeconds : 60;
  return get(_)(key, { values: { seconds } });
}

export function errorOf(error: CombinedError | undefined): FieldError | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (!first) return { code: 'NETWORK', field: null, message: generalMessage('NETWORK', error.message, null) };
  const field = typeof first.extensions?.field === 'string' ? first.extensions.field : null;
  const code = String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  return { code, field, message: generalMessage(code, first.message, first.extensions?.retryAfterSeconds) };
}

/** The error when it names this field (`input.name` matches `name`). */
export function fieldError(error: FieldError | null, field: string): string | null {
  if (!error?.field) return null;
  return error.field === field || error.field.endsWith(`.${field}`) ? error.message : null;
}
