// Round-robin assignment (pure): the team member who was assigned a ticket least recently goes first.
export interface RoundRobinCandidate {
  userId: string;
  /** When the member was last made a ticket's assignee (by anyone); null = never. */
  lastAssignedAt: Date | null;
  /** When they joined the team: among members never assigned, the longest-standing goes first. */
  joinedAt: Date;
}

/** Candidates in the order to try them; every tie is broken, so the same data always gives the same order. */
export function roundRobinOrder(candidates: readonly RoundRobinCandidate[]): string[] {
  const time = (date: Date | null) => (date ? date.getTime() : Number.NEGATIVE_INFINITY);
  return [...candidates]
    .sort(
      (a, b) =>
        time(a.lastAssignedAt) - time(b.lastAssignedAt) ||
        a.joinedAt.getTime() - b.joinedAt.getTime() ||
        (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
    )
    .map((candidate) => candidate.userId);
}
