// GraphQL for ticket templates: the TicketTemplate node, `ticketTemplates`, the supervisor mutations that manage
// them, and creating tickets from one (or a template and a ticket at once, "save as template" on the create form).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { principalOf } from '../context.js';
import { customFieldInputsOf } from '../ticket-fields/schema.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { nameRule, storableText } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import { AssigneeInput, AssigneeKindEnum, assigneeOf, CreateTicketInput, idsOf, messageBodyRule, TicketCustomerInput } from '../tickets/schema.js';
import type { CreateTicketFields } from '../tickets/service.js';
import { PriorityEnum } from '../vocabularies/schema.js';
import type { DefaultsChange, TicketOverrides } from './defaults.js';
import {
  createTicketAndTemplate,
  createTicketFromTemplate,
  createTicketTemplate,
  deleteTicketTemplate,
  updateTicketTemplate,
} from './service.js';

const MANAGED_BY = 'Supervisors and admins manage ticket templates (shared by the whole workspace); every agent may use them.';
const DELETED = 'Null when none is set, or when it was deleted since.';

builder.prismaNode('TicketTemplate', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  description: `Named defaults for a new ticket; createTicketFromTemplate pre-fills every field set here. ${MANAGED_BY}`,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique within the workspace.' }),
    // Product, assignee and tags are kept by id without a foreign key, so each is looked up (templates are few).
    product: t.prismaField({
      type: 'Product',
      nullable: true,
      description: DELETED,
      resolve: (query, template, _args, ctx) =>
        template.productId
          ? ctx.app.db.prisma.product.findFirst({ ...query, where: { id: template.productId, workspaceId: template.workspaceId } })
          : null,
    }),
    topic: t.relation('topic', { nullable: true, description: 'Null when none is set (deleting a topic moves or clears it).' }),
    status: t.relation('status', { nullable: true, description: "Null: the workspace's default status when the template is used." }),
    customerName: t.exposeString('customerName', { nullable: true }),
    customerEmail: t.exposeString('customerEmail', { nullable: true }),
    subject: t.exposeString('subject', { nullable: true, description: 'Null: the default subject in the workspace language.' }),
    description: t.exposeString('description', { nullable: true, description: "Becomes the ticket's first private note." }),
    priority: t.expose('priority', { type: PriorityEnum, nullable: true, description: 'Null: MEDIUM.' }),
    assigneeKind: t.expose('assigneeKind', {
      type: AssigneeKindEnum,
      nullable: true,
      description: 'TEAM: the ticket goes to the team (any of its users may take it).',
    }),
    assigneeUser: t.prismaField({
      type: 'User',
      nullable: true,
      description: DELETED,
      resolve: (query, template, _args, ctx) =>
        template.assigneeKind === 'USER' && template.assigneeUserId
          ? ctx.app.db.prisma.user.findFirst({ ...query, where: { id: template.assigneeUserId, workspaceId: template.workspaceId } })
          : null,
    }),
    assigneeTeam: t.prismaField({
      type: 'Team',
      nullable: true,
      description: DELETED,
      resolve: (query, template, _args, ctx) =>
        template.assigneeKind === 'TEAM' && template.assigneeTeamId
          ? ctx.app.db.prisma.team.findFirst({ ...query, where: { id: template.assigneeTeamId, workspaceId: template.workspaceId } })
          : null,
    }),
    tags: t.prismaField({
      type: ['Tag'],
      description: 'By name.',
      resolve: (query, template, _args, ctx) =>
        template.tagIds.length === 0
          ? []
          : ctx.app.db.prisma.tag.findMany({
              ...query,
              where: { id: { in: template.tagIds }, workspaceId: template.workspaceId },
              orderBy: { name: 'asc' },
            }),
    }),
    createdBy: t.exposeString('createdBy', { description: '`user:<id>` or `token:<id>`.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('ticketTemplates', (t) =>
  t.prismaConnection({
    type: 'TicketTemplate',
    cursor: 'id',
    description: 'By name.',
    args: { search: t.arg.string({ required: false, description: 'Part of the name.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.app.db.prisma.ticketTemplate.findMany({
        ...query,
        where: {
          workspaceId: principalOf(ctx).workspaceId,
          ...(args.search ? { name: { contains: args.search, mode: 'insensitive' } } : {}),
        },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
  }),
);

// ---------------------------------------------------------------- inputs

const subjectRule = z.string().trim().min(1, 'Must not be empty.').max(250, 'At most 250 characters.').refine(storableText, 'Must not contain NUL characters.');

const optionalId = (value: string | number | null | undefined, typename: string, field: string) =>
  value == null ? value : idOf(String(value), typename, field);

interface DefaultsInput {
  productId?: string | number | null;
  topicId?: string | number | null;
  statusId?: string | number | null;
  customer?: { name: string; email: string } | null;
  subject?: string | null;
  description?: string | null;
  priority?: DefaultsChange['priority'];
  assignee?: { kind: 'USER' | 'TEAM'; id: string | number } | null;
  tagIds?: readonly (string | number)[] | null;
}

/** Input ids → a change of defaults; `undefined` (omitted) and `null` (clear) stay distinct. */
function changeOf(input: DefaultsInput, prefix: string): DefaultsChange {
  return {
    productId: optionalId(input.productId, 'Product', `${prefix}.productId`),
    topicId: optionalId(input.topicId, 'TicketTopic', `${prefix}.topicId`),
    statusId: optionalId(input.statusId, 'TicketStatus', `${prefix}.statusId`),
    customer: input.customer,
    subject: input.subject,
    description: input.description,
    priority: input.priority,
    assignee: assigneeOf(input.assignee, `${prefix}.assignee.id`),
    // idsOf turns null into undefined; here null means "no tags".
    tagIds: input.tagIds === null ? null : idsOf(input.tagIds, 'Tag', `${prefix}.tagIds`),
  };
}

const CreateTicketTemplateInput = builder.inputType('CreateTicketTemplateInput', {
  description: `Every default is optional. ${MANAGED_BY}`,
  fields: (t) => ({
    name: t.string({ validate: nameRule }),
    productId: t.id({ required: false }),
    topicId: t.id({ required: false, description: "One of the product's topics (set productId too)." }),
    statusId: t.id({ required: false, description: "Omitted: the workspace's default status when used." }),
    customer: t.field({ type: TicketCustomerInput, required: false }),
    subject: t.string({ required: false, validate: subjectRule }),
    description: t.string({ required: false, validate: messageBodyRule, description: "Becomes the ticket's first private note." }),
    priority: t.field({ type: PriorityEnum, required: false }),
    assignee: t.field({ type: AssigneeInput, required: false, description: 'Must be allowed on the product, as on a ticket.' }),
    tagIds: t.idList({ required: false, description: 'Existing tags only.' }),
  }),
});

builder.mutationField('createTicketTemplate', (t) =>
  t.prismaField({
    type: 'TicketTemplate',
    description: MANAGED_BY,
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: CreateTicketTemplateInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.ticketTemplate,
        query,
        createTicketTemplate(ctx, { name: input.name, defaults: changeOf(input, 'input') }),
      ),
  }),
);

const UpdateTicketTemplateInput = builder.inputType('UpdateTicketTemplateInput', {
  description: `Omitted fields stay as they are; null clears a default. ${MANAGED_BY}`,
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: nameRule }),
    productId: t.id({ required: false }),
    topicId: t.id({ required: false }),
    statusId: t.id({ required: false }),
    customer: t.field({ type: TicketCustomerInput, required: false }),
    subject: t.string({ required: false, validate: subjectRule }),
    description: t.string({ required: false, validate: messageBodyRule }),
    priority: t.field({ type: PriorityEnum, required: false }),
    assignee: t.field({ type: AssigneeInput, required: false }),
    tagIds: t.idList({ required: false, description: 'The complete new tag list.' }),
  }),
});

builder.mutationField('updateTicketTemplate', (t) =>
  t.prismaField({
    type: 'TicketTemplate',
    description: MANAGED_BY,
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: UpdateTicketTemplateInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.ticketTemplate,
        query,
        updateTicketTemplate(ctx, {
          id: idOf(String(input.id), 'TicketTemplate', 'input.id'),
          name: input.name,
          change: changeOf(input, 'input'),
        }),
      ),
  }),
);

builder.mutationField('deleteTicketTemplate', (t) =>
  t.id({
    description: `Returns the id of the deleted template; tickets created from it keep their fields. ${MANAGED_BY}`,
    authScopes: { supervisor: true },
    args: { id: t.arg.id() },
    resolve: async (_root, { id }, ctx) =>
      encodeGlobalID('TicketTemplate', await deleteTicketTemplate(ctx, idOf(String(id), 'TicketTemplate'))),
  }),
);

// ---------------------------------------------------------------- creating tickets

const TicketFromTemplateOverridesInput = builder.inputType('TicketFromTemplateOverridesInput', {
  description:
    "CreateTicketInput's fields, all optional: an omitted field takes the template's default, a given one wins, and " +
    'null clears an optional default (no topic, no assignee, no tags…). Product and customer cannot be cleared.',
  fields: (t) => ({
    productId: t.id({ required: false }),
    topicId: t.id({ required: false }),
    statusId: t.id({ required: false }),
    typeId: t.id({ required: false, description: 'Templates keep no ticket type; give it here.' }),
    customer: t.field({ type: TicketCustomerInput, required: false, description: 'Name and e-mail replace the template’s together.' }),
    subject: t.string({ required: false, validate: subjectRule }),
    description: t.string({ required: false, validate: messageBodyRule, description: 'Kept as a private note.' }),
    priority: t.field({ type: PriorityEnum, required: false }),
    assignee: t.field({ type: AssigneeInput, required: false }),
    tagIds: t.idList({ required: false, description: 'Existing tags only; replaces the template’s tags.' }),
  }),
});

const CreateTicketFromTemplateInput = builder.inputType('CreateTicketFromTemplateInput', {
  fields: (t) => ({
    templateId: t.id(),
    overrides: t.field({ type: TicketFromTemplateOverridesInput, required: false }),
  }),
});

builder.mutationField('createTicketFromTemplate', (t) =>
  t.prismaField({
    type: 'Ticket',
    description:
      "Create a ticket on a customer's behalf with a template's defaults. A default that no longer exists (a deleted " +
      'tag, product, user or team) is refused as BAD_USER_INPUT naming the override that replaces it.',
    args: { input: t.arg({ type: CreateTicketFromTemplateInput }) },
    resolve: (query, _root, { input }, ctx) => {
      const overrides = input.overrides ?? {};
      const prefix = 'input.overrides';
      const fields: TicketOverrides = {
        ...changeOf(overrides, prefix),
        typeId: optionalId(overrides.typeId, 'TicketType', `${prefix}.typeId`),
      };
      return reload(
        ctx.app.db.prisma.ticket,
        query,
        createTicketFromTemplate(ctx, { templateId: idOf(String(input.templateId), 'TicketTemplate', 'input.templateId'), overrides: fields }),
      );
    },
  }),
);

const CreateTicketAndTemplateInput = builder.inputType('CreateTicketAndTemplateInput', {
  fields: (t) => ({
    ticket: t.field({ type: CreateTicketInput }),
    templateName: t.string({ validate: nameRule, description: 'The new template’s name, unique within the workspace.' }),
  }),
});

const CreateTicketAndTemplatePayload = builder.objectRef<{ ticketId: string; templateId: string }>('CreateTicketAndTemplatePayload');
CreateTicketAndTemplatePayload.implement({
  fields: (t) => ({
    ticket: t.prismaField({
      type: 'Ticket',
      resolve: (query, payload, _args, ctx) => ctx.app.db.prisma.ticket.findUniqueOrThrow({ ...query, where: { id: payload.ticketId } }),
    }),
    template: t.prismaField({
      type: 'TicketTemplate',
      resolve: (query, payload, _args, ctx) =>
        ctx.app.db.prisma.ticketTemplate.findUniqueOrThrow({ ...query, where: { id: payload.templateId } }),
    }),
  }),
});

builder.mutationField('createTicketAndTemplate', (t) =>
  t.field({
    type: CreateTicketAndTemplatePayload,
    description:
      '"Save as template" on the create form: creates the ticket and a template of its fields (all but the ticket ' +
      `type) in one change; if either is refused (a taken template name: CONFLICT) neither is created. ${MANAGED_BY}`,
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: CreateTicketAndTemplateInput }) },
    resolve: async (_root, { input }, ctx) => {
      const prefix = 'input.ticket';
      const ticket: CreateTicketFields = {
        productId: idOf(String(input.ticket.productId), 'Product', `${prefix}.productId`),
        topicId: optionalId(input.ticket.topicId, 'TicketTopic', `${prefix}.topicId`),
        statusId: optionalId(input.ticket.statusId, 'TicketStatus', `${prefix}.statusId`),
        typeId: optionalId(input.ticket.typeId, 'TicketType', `${prefix}.typeId`),
        customer: input.ticket.customer,
        subject: input.ticket.subject,
        description: input.ticket.description,
        priority: input.ticket.priority,
        assignee: assigneeOf(input.ticket.assignee, `${prefix}.assignee.id`),
        tagIds: idsOf(input.ticket.tagIds, 'Tag', `${prefix}.tagIds`),
        // The ticket keeps its files and custom field values; the template keeps neither (it has no place for them).
        attachments: input.ticket.attachments,
        customFields: customFieldInputsOf(input.ticket.customFields),
      };
      const created = await createTicketAndTemplate(ctx, { ticket, templateName: input.templateName });
      return { ticketId: created.ticket.id, templateId: created.template.id };
    },
  }),
);
