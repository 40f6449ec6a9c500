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

interface Watcher {
  principal: Principal;
  close: (reason: string) => void;
}

interface WorkspaceFeed {
  watchers: Set<Watcher>;
  iterator: AsyncIterator<PublishedEvent>;
}

// One feed per workspace per instance, shared by all of its sockets: a listener per socket doubled the work of every
// event's fan-out (each socket also has its own subscriptions on the same topic).
const feedsByBus = new WeakMap<EventBus, Map<string, WorkspaceFeed>>();

function watch(events: EventBus, feeds: Map<string, WorkspaceFeed>, workspaceId: string): WorkspaceFeed {
  const feed: WorkspaceFeed = { watchers: new Set(), iterator: events.subscribe(workspaceId)[Symbol.asyncIterator]() };
  feeds.set(workspaceId, feed);
  void (async () => {
    for (;;) {
      const next = await feed.iterator.next();
      if (next.done) return;
      for (const watcher of [...feed.watchers]) {
        if (endsAccessOf(watcher.principal, next.value)) {
          feed.watchers.delete(watcher);
          watcher.close('Session ended');
        }
      }
    }
  })();
  return feed;
}

export function closeSocketsOnRevocation(events: EventBus, principal: Principal, close: (reason: string) => void) {
  let feeds = feedsByBus.get(events);
  if (!feeds) feedsByBus.set(events, (feeds = new Map()));
  const feed = feeds.get(principal.workspaceId) ?? watch(events, feeds, principal.workspaceId);
  const watcher: Watcher = { principal, close };
  feed.watchers.add(watcher);
  const workspaceFeeds = feeds;
  return {
    stop() {
      feed.watchers.delete(watcher);
      if (feed.watchers.size === 0 && workspaceFeeds.get(principal.workspaceId) === feed) {
        workspaceFeeds.delete(principal.workspaceId);
        void feed.iterator.return?.();
      }
    },
  };
}
