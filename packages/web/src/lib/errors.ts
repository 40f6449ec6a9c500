// Server errors as the screens show them: the message, and the input field it names (extensions.field) so the
// form can put it next to that field.
import type { CombinedError } from '@urql/core';
import { _ } from 'svelte-i18n';
import { get } from 'svelte/store';

/** `localized`: the message is already in the agent's language (a general error, or a known `reason`). */
export type FieldError = { code: string; field: string | null; message: string; localized: boolean };

// Codes whose server text says nothing the agent can act on beyond "try again" or "sign in": shown in the agent's
// language. Refusals that explain themselves (bad input, conflicts, permissions) keep the server's words.
const GENERAL_MESSAGES: Record<string, string> = {
  NETWORK: 'serverErrors.network',
  SERVICE_UNAVAILABLE: 'serverErrors.unavailable',
  RATE_LIMITED: 'serverErrors.rateLimited',
  UNAUTHENTICATED: 'serverErrors.unauthenticated',
  INTERNAL_SERVER_ERROR: 'serverErrors.internal',
};

// `extensions.reason` values the server gives where its English message would otherwise be all a client has.
const REASON_MESSAGES: Record<string, string> = {
  TAKEN: 'serverErrors.taken',
};

function shown(code: string, extensions: Record<string, unknown> | undefined, serverMessage: string): { message: string; localized: boolean } {
  const key = (typeof extensions?.reason === 'string' ? REASON_MESSAGES[extensions.reason] : undefined) ?? GENERAL_MESSAGES[code];
  if (!key) return { message: serverMessage, localized: false };
  const seconds = typeof extensions?.retryAfterSeconds === 'number' ? extensions.retryAfterSeconds : 60;
  return { message: get(_)(key, { values: { seconds } }), localized: true };
}

export function errorOf(error: CombinedError | undefined): FieldError | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (!first) return { code: 'NETWORK', field: null, ...shown('NETWORK', undefined, error.message) };
  const field = typeof first.extensions?.field === 'string' ? first.extensions.field : null;
  const code = String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  return { code, field, ...shown(code, first.extensions, first.message) };
}

/** The error when it names this field (`input.name` matches `name`). */
export function fieldError(error: FieldError | null, field: string): string | null {
  if (!error?.field) return null;
  return error.field === field || error.field.endsWith(`.${field}`) ? error.message : null;
}
