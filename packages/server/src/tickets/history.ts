// What changed on a ticket, as history entries (pure: compares two snapshots of the fields people track).
export interface TrackedTicket {
  subject: string;
  statusId: string;
  priority: string;
  typeId: string | null;
  topicId: string | null;
  folderId: string | null;
  assigneeUserId: string | null;
  assigneeTeamId: string | null;
  tagIds: string[];
}

export interface FieldChange {
  field: 'subject' | 'status' | 'priority' | 'type' | 'topic' | 'folder' | 'assignee' | 'tags';
  from: unknown;
  to: unknown;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

const assigneeOf = (t: TrackedTicket) =>
  t.assigneeUserId ? { kind: 'USER', id: t.assigneeUserId } : t.assigneeTeamId ? { kind: 'TEAM', id: t.assigneeTeamId } : null;

export function diffTicket(before: TrackedTicket, after: TrackedTicket): FieldChange[] {
  const changes: FieldChange[] = [];
  const simple: [FieldChange['field'], keyof TrackedTicket][] = [
    ['subject', 'subject'],
    ['status', 'statusId'],
    ['priority', 'priority'],
    ['type', 'typeId'],
    ['topic', 'topicId'],
    ['folder', 'folderId'],
  ];
  for (const [field, key] of simple) {
    if (before[key] !== after[key]) changes.push({ field, from: before[key], to: after[key] });
  }
  if (before.assigneeUserId !== after.assigneeUserId || before.assigneeTeamId !== after.assigneeTeamId) {
    changes.push({ field: 'assignee', from: assigneeOf(before), to: assigneeOf(after) });
  }
  if (!sameSet(before.tagIds, after.tagIds)) {
    changes.push({ field: 'tags', from: [...before.tagIds].sort(), to: [...after.tagIds].sort() });
  }
  return changes;
}
