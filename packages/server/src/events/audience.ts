// Who may see an event on a subscription: pure rules, no I/O.
import type { Role } from '../generated/prisma/enums.js';

/** The least role that may receive events of this type (API token events reveal integration details). */
export function audienceOf(eventType: string): Role {
  if (eventType.startsWith('apiToken.')) return 'ADMIN';
  return 'AGENT';
}
