// Reads the facts rules are evaluated on, inside the ticket's transaction: the ticket snapshot, plus the extra
// facts (registered by other domains) that some rule's conditions need.
import type { Tx } from '../events/write.js';
import type { ExtraFacts, RuleTrigger, TicketFacts, TicketSnapshot } from './facts.js';
import { storedValues } from '../ticket-fields/fields.js';

type FactLoader<Name extends keyof ExtraFacts> = (tx: Tx, ticket: TicketSnapshot) => Promise<ExtraFacts[Name]>;
const factSources = new Map<keyof ExtraFacts, FactLoader<keyof ExtraFacts>>();

/** How to read an extra fact (see `ExtraFacts`); conditions that name it in `needs` get it in `facts.extra`. */
export function registerFactSource<Name extends keyof ExtraFacts>(name: Name, load: FactLoader<Name>) {
  if (factSources.has(name)) throw new Error(`fact source ${String(name)} is registered twice`);
  factSources.set(name, load as FactLoader<keyof ExtraFacts>);
}

export interface FactsMoment {
  trigger: RuleTrigger;
  changedFields: readonly string[];
  now: Date;
}

export async function loadTicketFacts(
  tx: Tx,
  workspaceId: string,
  ticketId: string,
  moment: FactsMoment,
  needed: ReadonlySet<keyof ExtraFacts> = new Set(),
): Promise<TicketFacts | null> {
  // Lists (tags, messages) are read in queries of their own, one after another: included, Prisma reads them side by
  // side on the transaction's single connection, which the pg driver only tolerates with a deprecation warning.
  const row = await tx.ticket.findFirst({
    where: { id: ticketId, workspaceId },
    include: { status: { select: { category: true } }, customer: { select: { id: true, name: true, email: true, group: true } } },
  });
  if (!row) return null;
  const tags = await tx.ticketTag.findMany({ where: { ticketId: row.id }, select: { tagId: true } });
  // An automatic reply is never the request (and may share the request's timestamp, written in the same transaction).
  const firstMessage = await tx.ticketMessage.findFirst({
    where: { ticketId: row.id, authorKind: { not: 'SYSTEM' } },
    orderBy: [{ createdAt: 'asc' }, { sequence: 'asc' }],
    select: { body: true },
  });
  const ticket: TicketSnapshot = {
    id: row.id,
    number: row.number,
    channel: row.channel,
    productId: row.productId,
    priority: row.priority,
    statusId: row.statusId,
    statusCategory: row.status.category,
    typeId: row.typeId,
    topicId: row.topicId,
    folderId: row.folderId,
    assigneeUserId: row.assigneeUserId,
    assigneeTeamId: row.assigneeTeamId,
    tagIds: tags.map((tag) => tag.tagId),
    subject: row.subject,
    description: firstMessage?.body ?? '',
    customer: row.customer,
    lastMessageBy: row.lastMessageBy,
    isInternal: row.isInternal,
    customFields: storedValues(row.customFields),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  const extra: Partial<ExtraFacts> = {};
  for (const name of needed) {
    const load = factSources.get(name);
    if (load) Object.assign(extra, { [name]: await load(tx, ticket) });
  }
  return { ticket, ...moment, extra };
}
