// Global (Relay) ids are base64 of `Type:rawId`. History entries and authors (`user:<rawId>`) name rows by their raw
// id, so the screens that show those need the raw id of the objects they already have.
export function rawIdOf(globalId: string): string {
  try {
    const decoded = atob(globalId);
    const colon = decoded.indexOf(':');
    return colon > 0 ? decoded.slice(colon + 1) : globalId;
  } catch {
    return globalId;
  }
}
