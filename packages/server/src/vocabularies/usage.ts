// What deleting a vocabulary entry that is in use means (pure): how the refusal reads, and how tag lists merge.

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The refusal for deleting something still in use, naming how many tickets (and templates) use it. */
export function inUseMessage(what: string, usage: { tickets: number; templates?: number }) {
  const users = [
    usage.tickets > 0 || !usage.templates ? counted(usage.tickets, 'ticket') : null,
    usage.templates ? counted(usage.templates, 'template') : null,
  ].filter(Boolean);
  const verb = usage.tickets + (usage.templates ?? 0) === 1 ? 'uses' : 'use';
  return `${users.join(' and ')} ${verb} this ${what}. Pass replaceWithId to move them to another ${what}; then it is deleted.`;
}

/** `tagIds` with `fromId` replaced by `toId` (or dropped when there is none), each tag once, order kept. */
export function replaceTag(tagIds: readonly string[], fromId: string, toId: string | null): string[] {
  const next = tagIds.flatMap((id) => (id === fromId ? (toId ? [toId] : []) : [id]));
  return [...new Set(next)];
}
