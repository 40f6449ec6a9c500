// What an agent may read of a failed provider call (a media fetch, a reply's delivery): the provider's code and message or our own refusal, never a
// network library's detail (addresses, ports, stack fragments). Pure.

const MAX_LENGTH = 300;

/** Known shapes pass (capped); "could not reach the provider (...)" loses its detail; anything else is summarised. */
export function safeProviderError(lastError: string | null): string | null {
  if (!lastError) return null;
  const text = lastError.replace(/\s+/g, ' ').trim();
  if (/^could not reach the provider\b/i.test(text)) return 'could not reach the provider';
  if (/^not an http\(s\) URL/i.test(text)) return 'the provider gave a link that is not an http(s) URL';
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
