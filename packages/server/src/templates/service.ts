// Ticket templates: named defaults for a new ticket that supervisors and admins keep for the workspace (like shared
// macros) and every agent creates tickets from. Defaults are checked when a template is saved and again when it is
// used, since a product, tag, user or team may have gone in between; a ticket is always created by the ticket
// core's `createTicketInTx`, so a ticket from a template is checked, numbered and recorded like any other.
import { recordAttachments, withStoredUploads } from '../attachments/service.js';
import type { Principal } from '../auth/principal.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, DeskgraphError, notFound, taken, type ErrorCode } from '../errors.js';
import type { EventDraft, Tx } from '../events/write.js';
import { writeTransaction } from '../events/write.js';
import { Prisma } from '../generated/prisma/client.js';
import { NO_ROW } from '../schema/ids.js';
import { normaliseEmail } from '../schema/inputs.js';
import {
  assertTags,
  createTicketInTx,
  type CreateTicketFields,
  recordHistory,
  resolveAssignee,
  viaOf,
} from '../tickets/service.js';
import {
  changedDefaults,
  columnsOf,
  type DefaultsChange,
  defaultsOf,
  mergeOverrides,
  type TicketDefaults,
  type TicketOverrides,
} from './defaults.js';

type Emit = (event: EventDraft) => void;

const NO_DEFAULTS: TicketDefaults = {
  productId: null,
  topicId: null,
  statusId: null,
  customer: null,
  subject: null,
  description: null,
  priority: null,
  assignee: null,
  tagIds: [],
};

// ---------------------------------------------------------------- checks

/**
 * The ticket core names its fields `input.productId`, …; where the ticket's fields sit deeper in this API's input
 * (`input.overrides.productId`, `input.ticket.productId`) its refusals are re-addressed so the client can point at
 * the right field.
 */
async function underField<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DeskgraphError) {
      const field = error.extensions.field;
      if (typeof field === 'string' && field.startsWith('input.')) {
        throw new DeskgraphError(error.extensions.code as ErrorCode, error.message, `${prefix}.${field.slice('input.'.length)}`);
      }
    }
    throw error;
  }
}

/** Two supervisors saving the same name at once: the unique index decides, and the loser hears CONFLICT. */
async function nameConflictAsTyped<T>(field: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    // The only unique index these transactions can hit is the template's name (ticket numbers are serialised).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw taken(field, 'A ticket template with this name already exists.');
    }
    throw error;
  }
}

async function assertNameFree(tx: Tx, workspaceId: string, name: string, field: string, exceptId?: string) {
  const clash = await tx.ticketTemplate.findFirst({ where: { workspaceId, name, id: exceptId ? { not: exceptId } : undefined } });
  if (clash) throw taken(field, 'A ticket template with this name already exists.');
}

async function templateOf(tx: Tx, workspaceId: string, id: string, field: string) {
  const template = await tx.ticketTemplate.findFirst({ where: { id, workspaceId } });
  if (!template) throw notFound('TicketTemplate', field);
  return template;
}

/** Every reference a template is saved with must be of the workspace and fit together, as on a ticket. */
async function checkedDefaults(tx: Tx, workspaceId: string, defaults: TicketDefaults, prefix: string): Promise<TicketDefaults> {
  if (defaults.productId && !(await tx.product.findFirst({ where: { id: defaults.productId, workspaceId } }))) {
    throw notFound('Product', `${prefix}.productId`);
  }
  if (defaults.topicId) {
    const topic = await tx.ticketTopic.findFirst({ where: { id: defaults.topicId, workspaceId } });
    if (!topic) throw notFound('TicketTopic', `${prefix}.topicId`);
    if (!defaults.productId) throw badInput(`${prefix}.topicId`, 'Topics belong to a product: set the product too.');
    if (topic.productId !== defaults.productId) throw badInput(`${prefix}.topicId`, 'This topic belongs to another product.');
  }
  if (defaults.statusId && !(await tx.ticketStatus.findFirst({ where: { id: defaults.statusId, workspaceId } }))) {
    throw notFound('TicketStatus', `${prefix}.statusId`);
  }
  const tagIds = await assertTags(tx, workspaceId, defaults.tagIds, `${prefix}.tagIds`);
  // Without a product any active user or team of the workspace may be the default (no product lists them: NO_ROW);
  // the product chosen when the template is used is checked then.
  await resolveAssignee(tx, workspaceId, defaults.productId ?? NO_ROW, defaults.assignee, `${prefix}.assignee.id`);
  const customer = defaults.customer
    ? { name: defaults.customer.name.trim(), email: normaliseEmail(defaults.customer.email) }
    : null;
  return { ...defaults, customer, tagIds };
}

/**
 * The template's own references, checked when it is used: a product, tag, user or team deleted since the template
 * was saved is named with the field the agent can override it with.
 */
async function assertStillThere(tx: Tx, workspaceId: string, ticket: ReturnType<typeof mergeOverrides>, prefix: string) {
  const fromTemplate = new Set(ticket.fromTemplate);
  if (fromTemplate.has('productId') && !(await tx.product.findFirst({ where: { id: ticket.productId!, workspaceId } }))) {
    throw badInput(`${prefix}.productId`, "This template's product was deleted: choose a product, or update the template.");
  }
  if (fromTemplate.has('tagIds')) {
    const found = await tx.tag.count({ where: { workspaceId, id: { in: ticket.tagIds } } });
    if (found !== new Set(ticket.tagIds).size) {
      throw badInput(`${prefix}.tagIds`, 'A tag this template adds was deleted: give the tags, or update the template.');
    }
  }
  if (fromTemplate.has('assignee') && ticket.assignee) {
    const { kind, id } = ticket.assignee;
    const exists =
      kind === 'USER'
        ? await tx.user.findFirst({ where: { id, workspaceId } })
        : await tx.team.findFirst({ where: { id, workspaceId } });
    if (!exists) {
      throw badInput(
        `${prefix}.assignee`,
        `The ${kind === 'USER' ? 'user' : 'team'} this template assigns to was deleted: give an assignee, or update the template.`,
      );
    }
  }
}

// ---------------------------------------------------------------- managing

export async function createTicketTemplate(ctx: Context, input: { name: string; defaults: DefaultsChange }) {
  const principal = principalOf(ctx);
  return nameConflictAsTyped(
    'input.name',
    writeTransaction(ctx.app, principal, (tx, emit) =>
      createTemplateInTx(tx, emit, principal, input.name, changedDefaults(NO_DEFAULTS, input.defaults), { name: 'input.name', defaults: 'input' }),
    ),
  );
}

async function createTemplateInTx(
  tx: Tx,
  emit: Emit,
  principal: Principal,
  name: string,
  defaults: TicketDefaults,
  fields: { name: string; defaults: string },
) {
  const workspaceId = principal.workspaceId;
  const checked = await checkedDefaults(tx, workspaceId, defaults, fields.defaults);
  await assertNameFree(tx, workspaceId, name, fields.name);
  const template = await tx.ticketTemplate.create({
    data: { workspaceId, name, ...columnsOf(checked), createdBy: principal.actor },
  });
  emit({ type: 'ticketTemplate.created', entityType: 'TicketTemplate', entityId: template.id });
  return template;
}

export async function updateTicketTemplate(ctx: Context, input: { id: string; name?: string | null; change: DefaultsChange }) {
  const principal = principalOf(ctx);
  const workspaceId = principal.workspaceId;
  return nameConflictAsTyped(
    'input.name',
    writeTransaction(ctx.app, principal, async (tx, emit) => {
      const before = await templateOf(tx, workspaceId, input.id, 'input.id');
      if (input.name != null) await assertNameFree(tx, workspaceId, input.name, 'input.name', before.id);
      // The whole result is checked, not just the change: a new product must still fit the kept topic and assignee.
      const checked = await checkedDefaults(tx, workspaceId, changedDefaults(defaultsOf(before), input.change), 'input');
      const template = await tx.ticketTemplate.update({
        where: { id: before.id },
        data: { name: input.name ?? undefined, ...columnsOf(checked) },
      });
      emit({ type: 'ticketTemplate.updated', entityType: 'TicketTemplate', entityId: template.id });
      return template;
    }),
  );
}

export async function deleteTicketTemplate(ctx: Context, id: string) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const { count } = await tx.ticketTemplate.deleteMany({ where: { id, workspaceId: principal.workspaceId } });
    if (count === 0) throw notFound('TicketTemplate');
    emit({ type: 'ticketTemplate.deleted', entityType: 'TicketTemplate', entityId: id });
    return id;
  });
}

// ---------------------------------------------------------------- using

/**
 * The ticket a use of a template describes, as the ticket core's fields: the template's defaults under the
 * overrides. `prefix` is where the overrides sit in the caller's input (errors name `${prefix}.tagIds`, …).
 */
export async function ticketFieldsFromTemplate(
  tx: Tx,
  workspaceId: string,
  templateId: string,
  overrides: TicketOverrides,
  fields = { templateId: 'input.templateId', overrides: 'input.overrides' },
) {
  const template = await templateOf(tx, workspaceId, templateId, fields.templateId);
  const ticket = mergeOverrides(defaultsOf(template), overrides);
  if (!ticket.productId) throw badInput(`${fields.overrides}.productId`, 'This template has no product: choose one.');
  if (!ticket.customer) throw badInput(`${fields.overrides}.customer`, 'This template has no customer: give one.');
  await assertStillThere(tx, workspaceId, ticket, fields.overrides);
  const created: CreateTicketFields = {
    productId: ticket.productId,
    topicId: ticket.topicId,
    statusId: ticket.statusId,
    typeId: ticket.typeId,
    customer: ticket.customer,
    subject: ticket.subject,
    description: ticket.description,
    priority: ticket.priority,
    assignee: ticket.assignee,
    tagIds: ticket.tagIds,
  };
  return { template, fields: created };
}

export async function createTicketFromTemplate(ctx: Context, input: { templateId: string; overrides: TicketOverrides }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const { template, fields } = await ticketFieldsFromTemplate(tx, principal.workspaceId, input.templateId, input.overrides);
    const ticket = await underField('input.overrides', () => createTicketInTx(tx, emit, principal, fields));
    // Which template a ticket started from stays in its history, even after the template changes or goes.
    await recordHistory(tx, { ...principal, via: viaOf(principal) }, ticket.id, [
      { field: 'template', from: null, to: { id: template.id, name: template.name } },
    ]);
    return ticket;
  });
}

/** "Save as template" on the create form: the ticket and a template of its fields, both or neither. */
export async function createTicketAndTemplate(ctx: Context, input: { ticket: CreateTicketFields; templateName: string }) {
  const principal = principalOf(ctx);
  const { ticket: fields } = input;
  // Templates keep no ticket type (the model has no column for it): the ticket gets it, the template does not.
  const defaults: TicketDefaults = {
    productId: fields.productId,
    topicId: fields.topicId ?? null,
    statusId: fields.statusId ?? null,
    customer: fields.customer,
    subject: fields.subject ?? null,
    description: fields.description ?? null,
    priority: fields.priority ?? null,
    assignee: fields.assignee ?? null,
    tagIds: fields.tagIds ?? [],
  };
  // Files are stored before the transaction and removed again if it fails, as createTicket does.
  return withStoredUploads(ctx.app, fields.attachments, 'input.ticket.attachments', (stored) =>
    nameConflictAsTyped(
      'input.templateName',
      writeTransaction(ctx.app, principal, async (tx, emit) => {
        const template = await createTemplateInTx(tx, emit, principal, input.templateName, defaults, {
          name: 'input.templateName',
          defaults: 'input.ticket',
        });
        const ticket = await underField('input.ticket', () => createTicketInTx(tx, emit, principal, fields));
        await recordAttachments(tx, stored, { workspaceId: principal.workspaceId, ticketId: ticket.id });
        return { ticket, template };
      }),
    ),
  );
}
