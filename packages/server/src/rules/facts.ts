// What rules see of a ticket (pure): a snapshot read inside the ticket's transaction, read again after every rule
// that changed the ticket, so each rule sees the ticket as the rules before it left it.

import { Channel, Priority, StatusCategory } from '../generated/prisma/enums.js';

export const RULE_TRIGGERS = ['TICKET_CREATED', 'TICKET_UPDATED'] as const;
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];

// The same values as the data model's enums (the generated enums module is plain constants, no Prisma runtime).
export const CHANNELS = Object.values(Channel) as [Channel, ...Channel[]];
export const PRIORITIES = Object.values(Priority) as [Priority, ...Priority[]];
export const STATUS_CATEGORIES = Object.values(StatusCategory) as [StatusCategory, ...StatusCategory[]];

export interface TicketSnapshot {
  id: string;
  number: number;
  channel: (typeof CHANNELS)[number];
  productId: string;
  priority: (typeof PRIORITIES)[number];
  statusId: string;
  statusCategory: (typeof STATUS_CATEGORIES)[number];
  typeId: string | null;
  topicId: string | null;
  folderId: string | null;
  assigneeUserId: string | null;
  assigneeTeamId: string | null;
  tagIds: string[];
  subject: string;
  /** The ticket's first message that is not an automatic one: the customer's request, or the agent's note on an
   * internal ticket ('' when there is none). */
  description: string;
  customer: { id: string; name: string; email: string | null; group: string | null };
  lastMessageBy: 'AGENT' | 'CUSTOMER' | 'SYSTEM' | null;
  isInternal: boolean;
  /** Custom field values by field key (src/ticket-fields); an unset field has no key. */
  customFields: Record<string, string | number | boolean>;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Data beyond the ticket snapshot that condition kinds may need (an assignee's presence, a customer's group). A
 * module adds a field here by declaration merging (`declare module '../rules/facts.js' { interface ExtraFacts {…} }`),
 * registers a loader with `registerFactSource`, and names it in its condition kind's `needs`; only the facts some
 * enabled rule needs are loaded.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ExtraFacts {}

export interface TicketFacts {
  ticket: TicketSnapshot;
  trigger: RuleTrigger;
  /** Fields the triggering change touched (history field names; empty on create). */
  changedFields: readonly string[];
  now: Date;
  extra: Partial<ExtraFacts>;
}
