// Every subscriber of an instance that receives one event and selects the same fields gets one shared database read,
// not one each: 2,500 sockets reading the same conversation would queue 2,500 reads on a pool of 10 connections.
// Entries live a few seconds (a slow subscriber still sees the state as of the event's delivery wave).

const TTL_MS = 5000;
const MAX_ENTRIES = 2000;
const entries = new Map<string, Promise<unknown>>();

/** `key` must name what is read exactly: workspace, event id and the selection. */
export function sharedRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  const known = entries.get(key);
  if (known) return known as Promise<T>;
  const pending = read();
  entries.set(key, pending);
  // A failed read is not shared with later subscribers: they try again.
  pending.catch(() => entries.delete(key));
  setTimeout(() => entries.delete(key), TTL_MS).unref();
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return pending;
}
