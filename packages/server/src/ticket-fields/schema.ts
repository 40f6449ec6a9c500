// GraphQL for ticket custom fields: the TicketField node, `ticketFields` in order, the admin mutations, a ticket's
// values (`Ticket.customFields`) and the input clients set them with on createTicket / updateTicket.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import type { TicketField } from '../generated/prisma/client.js';
import { TicketFieldType } from '../generated/prisma/enums.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { nameRule } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import { type FieldValue, MAX_FIELDS, MAX_OPTIONS, storedValues } from './fields.js';
import { createTicketField, deleteTicketField, reorderTicketFields, updateTicketField } from './service.js';
import type { CustomFieldInput } from './ticket-values.js';

const inOrder = [{ position: 'asc' as const }, { createdAt: 'asc' as const }, { id: 'asc' as const }];

export const TicketFieldTypeEnum = builder.enumType(TicketFieldType, {
  name: 'TicketFieldType',
  description:
    'What values a custom field takes, and their JSON form: TEXT a string, NUMBER a number, CHECKBOX true/false, ' +
    'DROPDOWN one of the options (a string), DATE "YYYY-MM-DD".',
});

export const TicketFieldRef = builder.prismaNode('TicketField', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  description: 'A field the workspace adds to its tickets (plan, order number, device…).',
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'How rules, filters and integrations name the field: fixed once created, unique in the workspace.',
    }),
    name: t.exposeString('name', { description: 'What agents see.' }),
    type: t.expose('type', { type: TicketFieldTypeEnum, description: 'Fixed once created.' }),
    options: t.exposeStringList('options', { description: 'The choices of a DROPDOWN field, in order (empty for other types).' }),
    required: t.exposeBoolean('required', {
      description: 'createTicket needs a value for it, and updateTicket cannot clear one. Tickets from channels and templates are exempt.',
    }),
    position: t.exposeInt('position', { description: 'Place in the form, from 0.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

// ---------------------------------------------------------------- a ticket's values

interface TicketFieldValue {
  field: TicketField;
  key: string;
  value: FieldValue;
}

const TicketCustomFieldValueRef = builder.objectRef<TicketFieldValue>('TicketCustomFieldValue').implement({
  description: "A custom field's value on a ticket.",
  fields: (t) => ({
    field: t.field({ type: TicketFieldRef, resolve: (entry) => entry.field }),
    key: t.exposeString('key'),
    value: t.field({ type: 'JSON', description: 'In the JSON form of the field type (see TicketFieldType).', resolve: (entry) => entry.value }),
  }),
});

// One read of the workspace's fields per request, however many tickets a list shows.
const fieldsByRequest = new WeakMap<Context, Promise<TicketField[]>>();
function workspaceFields(ctx: Context, workspaceId: string) {
  let fields = fieldsByRequest.get(ctx);
  if (!fields) {
    fields = ctx.app.db.prisma.ticketField.findMany({ where: { workspaceId }, orderBy: inOrder, take: MAX_FIELDS });
    fieldsByRequest.set(ctx, fields);
  }
  return fields;
}

builder.prismaObjectFields('Ticket', (t) => ({
  customFields: t.field({
    type: [TicketCustomFieldValueRef],
    description: 'The custom fields that have a value on this ticket, in the order of `ticketFields`.',
    select: { customFields: true, workspaceId: true },
    resolve: async (ticket, _args, ctx) => {
      const values = storedValues(ticket.customFields);
      const fields = await workspaceFields(ctx, ticket.workspaceId);
      return fields.flatMap((field) => (values[field.key] === undefined ? [] : [{ field, key: field.key, value: values[field.key] }]));
    },
  }),
}));

export const TicketCustomFieldInput = builder.inputType('TicketCustomFieldInput', {
  description: 'A custom field value to set: the field\'s key and its value in the JSON form of its type; null clears it.',
  fields: (t) => ({
    key: t.string({ description: 'The field\'s key (see `ticketFields`).' }),
    value: t.field({ type: 'JSON', required: false, description: '"Gold", 42, true, "2026-01-05"…; null or omitted clears.' }),
  }),
});

export const customFieldsInputRule = z.array(z.unknown()).max(MAX_FIELDS, `At most ${MAX_FIELDS} values.`);

export const customFieldInputsOf = (inputs: readonly { key: string; value?: unknown }[] | null | undefined): CustomFieldInput[] | undefined =>
  inputs?.map(({ key, value }) => ({ key, value }));

// ---------------------------------------------------------------- queries

builder.queryField('ticketFields', (t) =>
  t.prismaField({
    type: [TicketFieldRef],
    description: "The workspace's ticket custom fields, in form order.",
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.ticketField.findMany({ ...query, where: { workspaceId: principalOf(ctx).workspaceId }, orderBy: inOrder, take: MAX_FIELDS }),
  }),
);

// ---------------------------------------------------------------- mutations

const positionRule = z.number().int().min(0, 'Must be 0 or more.');
const optionsRule = z.array(z.string()).max(MAX_OPTIONS, `At most ${MAX_OPTIONS} options.`);

const CreateTicketFieldInput = builder.inputType('CreateTicketFieldInput', {
  fields: (t) => ({
    key: t.string({ description: 'a-z, 0-9 and _, starting with a letter, at most 40; unique in the workspace; fixed once created.' }),
    name: t.string({ validate: nameRule }),
    type: t.field({ type: TicketFieldTypeEnum, description: 'Fixed once created.' }),
    options: t.stringList({ required: false, validate: optionsRule, description: 'DROPDOWN only, and required there: non-empty, unique.' }),
    required: t.boolean({ required: false, description: 'Defaults to false.' }),
    position: t.int({ required: false, validate: positionRule, description: '0 = first; omitted = last.' }),
  }),
});

builder.mutationField('createTicketField', (t) =>
  t.prismaField({
    type: TicketFieldRef,
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateTicketFieldInput }) },
    resolve: (query, _root, { input }, ctx) => reload(ctx.app.db.prisma.ticketField, query, createTicketField(ctx, input)),
  }),
);

const UpdateTicketFieldInput = builder.inputType('UpdateTicketFieldInput', {
  description: 'Omitted fields stay as they are. The key and the type cannot change.',
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: nameRule }),
    options: t.stringList({
      required: false,
      validate: optionsRule,
      description: 'DROPDOWN only: the complete new list. An option that tickets or rules still use cannot be removed.',
    }),
    required: t.boolean({ required: false }),
    position: t.int({ required: false, validate: positionRule, description: 'Move it to this place (0 = first).' }),
  }),
});

builder.mutationField('updateTicketField', (t) =>
  t.prismaField({
    type: TicketFieldRef,
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateTicketFieldInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.ticketField, query, updateTicketField(ctx, { ...input, id: idOf(String(input.id), 'TicketField', 'input.id') })),
  }),
);

builder.mutationField('deleteTicketField', (t) =>
  t.id({
    description:
      'Deletes a custom field and removes its value from every ticket (recorded in their history). Refused while a ' +
      'ticket rule or SLA rule asks about it. Returns its id.',
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: async (_root, args, ctx) => encodeGlobalID('TicketField', await deleteTicketField(ctx, idOf(String(args.id), 'TicketField'))),
  }),
);

builder.mutationField('reorderTicketFields', (t) =>
  t.prismaField({
    type: [TicketFieldRef],
    description: 'Puts the custom fields in this order; list every field of the workspace once.',
    authScopes: { admin: true },
    args: { ids: t.arg.idList() },
    resolve: async (query, _root, args, ctx) => {
      await reorderTicketFields(
        ctx,
        args.ids.map((id, index) => idOf(String(id), 'TicketField', `ids.${index}`)),
      );
      return ctx.app.db.prisma.ticketField.findMany({ ...query, where: { workspaceId: principalOf(ctx).workspaceId }, orderBy: inOrder, take: MAX_FIELDS });
    },
  }),
);
