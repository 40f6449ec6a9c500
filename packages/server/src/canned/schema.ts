// GraphQL for canned responses: the CannedResponse node, `cannedResponses`, rendering one for a ticket, replying with
// one, and the supervisor mutations that manage them.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { principalOf } from '../context.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { nameRule, storableText } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import { TicketMessagePayload } from '../tickets/schema.js';
import { PLACEHOLDERS } from './render.js';
import {
  createCannedResponse,
  deleteCannedResponse,
  renderForTicket,
  replyWithCannedResponse,
  updateCannedResponse,
} from './service.js';

const PLACEHOLDER_LIST = PLACEHOLDERS.map((name) => `\`{{${name}}}\``).join(', ');
const MANAGED_BY = 'Supervisors and admins manage canned responses; every agent may use them.';

builder.prismaNode('CannedResponse', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  description: `A reply text kept for the workspace. ${MANAGED_BY}`,
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Unique within the workspace.' }),
    body: t.exposeString('body', {
      description: `As written, placeholders included (${PLACEHOLDER_LIST}). Use renderCannedResponse for a ticket's text.`,
    }),
    createdBy: t.exposeString('createdBy', { description: '`user:<id>` or `token:<id>`.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('cannedResponses', (t) =>
  t.prismaConnection({
    type: 'CannedResponse',
    cursor: 'id',
    description: 'By title.',
    args: { search: t.arg.string({ required: false, description: 'Part of the title or the body.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.app.db.prisma.cannedResponse.findMany({
        ...query,
        where: {
          workspaceId: principalOf(ctx).workspaceId,
          ...(args.search
            ? {
                OR: [
                  { title: { contains: args.search, mode: 'insensitive' } },
                  { body: { contains: args.search, mode: 'insensitive' } },
                ],
              }
            : {}),
        },
        orderBy: [{ title: 'asc' }, { id: 'asc' }],
      }),
  }),
);

builder.queryField('renderCannedResponse', (t) =>
  t.string({
    description:
      `The canned response filled in for this ticket, signed by the calling agent (an API token signs with the ` +
      `workspace's name). Plain text: values are inserted as written, never interpreted as HTML. Send it with ` +
      `replyToTicket after editing, or use replyWithCannedResponse to send it as is.`,
    args: { id: t.arg.id(), ticketId: t.arg.id() },
    resolve: (_root, args, ctx) =>
      renderForTicket(ctx, idOf(String(args.id), 'CannedResponse', 'id'), idOf(String(args.ticketId), 'Ticket', 'ticketId')),
  }),
);

// ---------------------------------------------------------------- managing

// Short of the 50,000 a reply may hold, so that a filled-in body normally fits in one.
const bodyRule = z
  .string()
  .refine((body) => body.trim().length > 0, 'Must not be empty.')
  .refine((body) => body.length <= 20_000, 'At most 20,000 characters.')
  .refine(storableText, 'Must not contain NUL characters.');

const BODY_DESCRIPTION = `Placeholders: ${PLACEHOLDER_LIST}; any other is refused (BAD_USER_INPUT naming it).`;

const CreateCannedResponseInput = builder.inputType('CreateCannedResponseInput', {
  fields: (t) => ({
    title: t.string({ validate: nameRule }),
    body: t.string({ validate: bodyRule, description: BODY_DESCRIPTION }),
  }),
});

builder.mutationField('createCannedResponse', (t) =>
  t.prismaField({
    type: 'CannedResponse',
    description: MANAGED_BY,
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: CreateCannedResponseInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.cannedResponse, query, createCannedResponse(ctx, input)),
  }),
);

const UpdateCannedResponseInput = builder.inputType('UpdateCannedResponseInput', {
  description: 'Omitted fields stay as they are.',
  fields: (t) => ({
    id: t.id(),
    title: t.string({ required: false, validate: nameRule }),
    body: t.string({ required: false, validate: bodyRule, description: BODY_DESCRIPTION }),
  }),
});

builder.mutationField('updateCannedResponse', (t) =>
  t.prismaField({
    type: 'CannedResponse',
    description: MANAGED_BY,
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: UpdateCannedResponseInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.cannedResponse,
        query,
        updateCannedResponse(ctx, { id: idOf(String(input.id), 'CannedResponse', 'input.id'), title: input.title, body: input.body }),
      ),
  }),
);

builder.mutationField('deleteCannedResponse', (t) =>
  t.id({
    description: `Returns the id of the deleted canned response. ${MANAGED_BY}`,
    authScopes: { supervisor: true },
    args: { id: t.arg.id() },
    resolve: async (_root, { id }, ctx) =>
      encodeGlobalID('CannedResponse', await deleteCannedResponse(ctx, idOf(String(id), 'CannedResponse'))),
  }),
);

// ---------------------------------------------------------------- replying

const ReplyWithCannedResponseInput = builder.inputType('ReplyWithCannedResponseInput', {
  fields: (t) => ({
    ticketId: t.id(),
    cannedResponseId: t.id(),
    statusId: t.id({ required: false, description: 'Also move the ticket to this status (Pending, Resolved, …).' }),
  }),
});

builder.mutationField('replyWithCannedResponse', (t) =>
  t.field({
    type: TicketMessagePayload,
    description:
      'renderCannedResponse and replyToTicket in one call: the filled-in text goes to the customer as a public reply. ' +
      'To edit the text first, render it, edit, then call replyToTicket.',
    args: { input: t.arg({ type: ReplyWithCannedResponseInput }) },
    resolve: async (_root, { input }, ctx) => {
      const message = await replyWithCannedResponse(ctx, {
        ticketId: idOf(String(input.ticketId), 'Ticket', 'input.ticketId'),
        cannedResponseId: idOf(String(input.cannedResponseId), 'CannedResponse', 'input.cannedResponseId'),
        statusId: input.statusId == null ? null : idOf(String(input.statusId), 'TicketStatus', 'input.statusId'),
      });
      return { messageId: message.id, ticketId: message.ticketId };
    },
  }),
);
