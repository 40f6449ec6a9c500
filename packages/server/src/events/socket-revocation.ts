// A WebSocket lives longer than a token: when the session behind it ends (sign-out, deactivation, token revoked),
// close it at once rather than at the next subscribe.
import type { Principal } from '../auth/principal.js';
import type { EventBus, PublishedEvent } from './bus.js';

export function endsAccessOf(principal: Principal, event: PublishedEvent): boolean {
  const payload = (event.payload ?? {}) as { sessionId?: string; keptSessionId?: string | null };
  switch (event.type) {
    case 'session.revoked':
      return principal.sessionId !== null && payload.sessionId === principal.sessionId;
    case 'user.deactivated':
      return principal.userId === event.entityId;
    case 'user.passwordChanged':
      // Changing the password signs out every other session of that user.
      return principal.userId === event.entityId && principal.sessionId !== payload.keptSessionId;
    case 'apiToken.revoked':
      return principal.tokenId === event.entityId;
    default:
      return false;
  }
}

export function closeSocketsOnRevocation(events: EventBus, principal: Principal, close: (reason: string) => void) {
  const iterator = events.subscribe(principal.workspaceId)[Symbol.asyncIterator]();
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const next = await iterator.next();
      if (next.done) return;
      if (endsAccessOf(principal, next.value)) {
        close('Session ended');
        return;
      }
    }
  })();
  return {
    stop() {
      stopped = true;
      void iterator.return?.();
    },
  };
}
