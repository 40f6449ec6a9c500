// The order of a workspace's ticket statuses (pure): positions are kept dense, 0..n-1, in the order people see.

/** `ids` with `id` moved to `position` (0 = first; past the end = last). */
export function moveTo(ids: readonly string[], id: string, position: number): string[] {
  const rest = ids.filter((other) => other !== id);
  const index = Math.max(0, Math.min(position, rest.length));
  return [...rest.slice(0, index), id, ...rest.slice(index)];
}

/** What is wrong with `requested` as a complete new order of `current`, or null when it lists each id once. */
export function orderProblem(current: readonly string[], requested: readonly string[]): string | null {
  if (new Set(requested).size !== requested.length) return 'Each status may be listed only once.';
  const missing = current.filter((id) => !requested.includes(id)).length;
  if (missing > 0) return `List every status of the workspace: ${missing} ${missing === 1 ? 'is' : 'are'} missing.`;
  return null;
}

/** The rows whose position must change so that positions follow `ordered`. */
export function positionChanges(rows: readonly { id: string; position: number }[], ordered: readonly string[]) {
  const current = new Map(rows.map((row) => [row.id, row.position]));
  return ordered.flatMap((id, position) => (current.get(id) === position ? [] : [{ id, position }]));
}
