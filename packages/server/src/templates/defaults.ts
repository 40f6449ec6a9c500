// What a ticket template pre-fills (pure): its stored columns as ticket defaults and back, and how a use's
// overrides combine with them. Omitted overrides take the template's default; null clears an optional default.

export type TemplatePriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'URGENT';
export type TemplateAssigneeKind = 'USER' | 'TEAM';

export interface TicketDefaults {
  productId: string | null;
  topicId: string | null;
  statusId: string | null;
  customer: { name: string; email: string } | null;
  subject: string | null;
  /** Becomes the ticket's first private note. */
  description: string | null;
  priority: TemplatePriority | null;
  assignee: { kind: TemplateAssigneeKind; id: string } | null;
  tagIds: string[];
}

/** A template's columns, as stored. */
export interface TemplateColumns {
  productId: string | null;
  topicId: string | null;
  statusId: string | null;
  customerName: string | null;
  customerEmail: string | null;
  subject: string | null;
  description: string | null;
  priority: TemplatePriority | null;
  assigneeKind: TemplateAssigneeKind | null;
  assigneeUserId: string | null;
  assigneeTeamId: string | null;
  tagIds: string[];
}

export function defaultsOf(columns: TemplateColumns): TicketDefaults {
  const assigneeId = columns.assigneeKind === 'USER' ? columns.assigneeUserId : columns.assigneeKind === 'TEAM' ? columns.assigneeTeamId : null;
  return {
    productId: columns.productId,
    topicId: columns.topicId,
    statusId: columns.statusId,
    // Name and e-mail are saved together; a template with only one of them has no customer to pre-fill.
    customer: columns.customerName && columns.customerEmail ? { name: columns.customerName, email: columns.customerEmail } : null,
    subject: columns.subject,
    description: columns.description,
    priority: columns.priority,
    assignee: columns.assigneeKind && assigneeId ? { kind: columns.assigneeKind, id: assigneeId } : null,
    tagIds: columns.tagIds,
  };
}

export function columnsOf(defaults: TicketDefaults): TemplateColumns {
  return {
    productId: defaults.productId,
    topicId: defaults.topicId,
    statusId: defaults.statusId,
    customerName: defaults.customer?.name ?? null,
    customerEmail: defaults.customer?.email ?? null,
    subject: defaults.subject,
    description: defaults.description,
    priority: defaults.priority,
    assigneeKind: defaults.assignee?.kind ?? null,
    assigneeUserId: defaults.assignee?.kind === 'USER' ? defaults.assignee.id : null,
    assigneeTeamId: defaults.assignee?.kind === 'TEAM' ? defaults.assignee.id : null,
    tagIds: defaults.tagIds,
  };
}

/** A change to some defaults: `undefined` keeps a field, `null` clears it. */
export type DefaultsChange = { [K in keyof TicketDefaults]?: TicketDefaults[K] | null };

/** `current` with `change` applied (editing a template). */
export function changedDefaults(current: TicketDefaults, change: DefaultsChange): TicketDefaults {
  const next = { ...current } as Record<keyof TicketDefaults, unknown>;
  for (const key of Object.keys(current) as (keyof TicketDefaults)[]) {
    const value = change[key];
    if (value !== undefined) next[key] = key === 'tagIds' ? (value ?? []) : value;
  }
  return next as unknown as TicketDefaults;
}

/** What one use of a template may change, field by field; `typeId` is not kept on templates, only given per use. */
export type TicketOverrides = DefaultsChange & { typeId?: string | null };

/** Fields a ticket cannot do without: a null override cannot clear them, it leaves the template's value. */
const REQUIRED: readonly (keyof TicketDefaults)[] = ['productId', 'customer'];

export interface MergedTicket extends TicketDefaults {
  typeId: string | null;
  /** The fields whose value came from the template (and is set), for error messages that say so. */
  fromTemplate: (keyof TicketDefaults)[];
}

/** The ticket a use of the template describes: every override wins over the template's default. */
export function mergeOverrides(template: TicketDefaults, overrides: TicketOverrides): MergedTicket {
  const merged = { ...template } as Record<keyof TicketDefaults, unknown>;
  const fromTemplate: (keyof TicketDefaults)[] = [];
  for (const key of Object.keys(template) as (keyof TicketDefaults)[]) {
    const value = overrides[key];
    const keepsTemplate = value === undefined || (value === null && REQUIRED.includes(key));
    if (keepsTemplate) {
      const templateValue = template[key];
      if (templateValue !== null && !(Array.isArray(templateValue) && templateValue.length === 0)) fromTemplate.push(key);
    } else {
      merged[key] = key === 'tagIds' ? (value ?? []) : value;
    }
  }
  return { ...(merged as unknown as TicketDefaults), typeId: overrides.typeId ?? null, fromTemplate };
}
