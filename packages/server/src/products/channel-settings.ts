// Channel settings hold provider secrets next to plain ids. Secrets are write-only: read back without them, and a
// settings change that leaves a secret out keeps it, so an admin can edit addresses without retyping every secret.
// Pure: no Prisma, no GraphQL.

/** Settings keys whose values are never shown again once saved. */
export const SECRET_SETTING_KEYS = ['accessToken', 'appSecret', 'verifyToken', 'inboundSecret'] as const;
const SECRETS: ReadonlySet<string> = new Set(SECRET_SETTING_KEYS);

type Settings = Record<string, unknown>;

export const settingsObject = (settings: unknown): Settings =>
  settings && typeof settings === 'object' && !Array.isArray(settings) ? (settings as Settings) : {};

/** The settings as an admin reads them: everything but the secrets. */
export function visibleSettings(settings: unknown): Settings {
  return Object.fromEntries(Object.entries(settingsObject(settings)).filter(([key]) => !SECRETS.has(key)));
}

/** Which secrets have a value, in a stable order. */
export function secretsSet(settings: unknown): string[] {
  const current = settingsObject(settings);
  return SECRET_SETTING_KEYS.filter((key) => typeof current[key] === 'string' && current[key] !== '');
}

/**
 * The new settings: `incoming` replaces every plain key; a secret left out keeps its current value, a secret given
 * as null or "" is removed, any other value replaces it.
 */
export function mergeSettings(current: unknown, incoming: Settings): Settings {
  const kept = Object.fromEntries(
    Object.entries(settingsObject(current)).filter(([key]) => SECRETS.has(key) && !(key in incoming)),
  );
  const given = Object.fromEntries(Object.entries(incoming).filter(([key, value]) => !(SECRETS.has(key) && (value === null || value === ''))));
  return { ...kept, ...given };
}

/** Where the provider (Meta, the mail relay) or the product's website sends to this channel; null: nothing arrives by HTTP. */
export function receivePath(channel: string, productChannelId: string, productId: string): string | null {
  if (channel === 'WHATSAPP' || channel === 'FACEBOOK' || channel === 'INSTAGRAM') return `/webhooks/meta/${productChannelId}`;
  if (channel === 'EMAIL') return `/webhooks/email/${productChannelId}`;
  if (channel === 'WEB_FORM' || channel === 'IN_APP') return `/forms/${productId}`;
  return null;
}
