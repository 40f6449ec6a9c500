// What every resolver, service and subscription sees: who is asking, and the app's shared services.
import type { Principal, Visitor } from './auth/principal.js';
import type { Config } from './config.js';
import type { Database } from './db.js';
import type { EventBus } from './events/bus.js';
import type { Clock } from './events/write.js';

export interface AppServices {
  config: Config;
  db: Database;
  events: EventBus;
  clock: Clock;
}

export interface Context {
  app: AppServices;
  principal: Principal | null;
  /** A chat visitor (web widget, in-app SDK); never set together with a principal. */
  visitor?: Visitor | null;
  /** Why a presented token was refused (expired, revoked, unknown); null when none was presented. */
  authProblem: string | null;
}

/** The principal of a resolver that auth scopes already required to be signed in. */
export function principalOf(ctx: Context): Principal {
  if (!ctx.principal) throw new Error('principalOf called without a signed-in principal');
  return ctx.principal;
}
