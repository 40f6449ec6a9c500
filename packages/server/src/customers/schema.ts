// GraphQL for customers.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { principalOf } from '../context.js';
import { reload } from '../schema/reload.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { emailRule, nameRule, storableText } from '../schema/inputs.js';
import { createCustomer, deleteCustomer, updateCustomer } from './service.js';

builder.prismaNode('Customer', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    email: t.exposeString('email', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    whatsappNumber: t.exposeString('whatsappNumber', { nullable: true }),
    facebookId: t.exposeString('facebookId', { nullable: true }),
    instagramId: t.exposeString('instagramId', { nullable: true }),
    group: t.exposeString('group', {
      nullable: true,
      description: 'A segment the support team sorts customers into (VIP, Enterprise, …); SLA and ticket rules can ask for it.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('customers', (t) =>
  t.prismaConnection({
    type: 'Customer',
    cursor: 'id',
    args: { search: t.arg.string({ required: false, description: 'Part of the name, e-mail or phone.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.app.db.prisma.customer.findMany({
        ...query,
        where: {
          workspaceId: principalOf(ctx).workspaceId,
          ...(args.search
            ? {
                OR: [
                  { name: { contains: args.search, mode: 'insensitive' } },
                  { email: { contains: args.search, mode: 'insensitive' } },
                  { phone: { contains: args.search } },
                ],
              }
            : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

const handleRule = z.string().trim().min(1).max(100);
const groupRule = z.string().trim().min(1, 'Must not be empty.').max(100, 'At most 100 characters.').refine(storableText, 'Must not contain NUL characters.');
const phoneRule = z.string().trim().regex(/^\+?[0-9 ()-]{4,30}$/, 'Must be a phone number such as +90 212 555 0101.');

const CreateCustomerInput = builder.inputType('CreateCustomerInput', {
  fields: (t) => ({
    name: t.string({ validate: nameRule }),
    email: t.string({ required: false, validate: emailRule }),
    phone: t.string({ required: false, validate: phoneRule }),
    whatsappNumber: t.string({ required: false, validate: phoneRule }),
    facebookId: t.string({ required: false, validate: handleRule }),
    instagramId: t.string({ required: false, validate: handleRule }),
    group: t.string({ required: false, validate: groupRule, description: 'Such as VIP; rules compare it ignoring case.' }),
  }),
});

builder.mutationField('createCustomer', (t) =>
  t.prismaField({
    type: 'Customer',
    args: { input: t.arg({ type: CreateCustomerInput }) },
    resolve: (query, _root, { input }, ctx) => reload(ctx.app.db.prisma.customer, query, createCustomer(ctx, input)),
  }),
);

const UpdateCustomerInput = builder.inputType('UpdateCustomerInput', {
  description: 'Omitted fields stay as they are; null clears an optional field.',
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: nameRule }),
    email: t.string({ required: false, validate: emailRule }),
    phone: t.string({ required: false, validate: phoneRule }),
    whatsappNumber: t.string({ required: false, validate: phoneRule }),
    facebookId: t.string({ required: false, validate: handleRule }),
    instagramId: t.string({ required: false, validate: handleRule }),
    group: t.string({ required: false, validate: groupRule, description: 'Such as VIP; rules compare it ignoring case.' }),
  }),
});

builder.mutationField('updateCustomer', (t) =>
  t.prismaField({
    type: 'Customer',
    args: { input: t.arg({ type: UpdateCustomerInput }) },
    resolve: (query, _root, { input: { id, ...fields } }, ctx) =>
      reload(ctx.app.db.prisma.customer, query, updateCustomer(ctx, idOf(String(id), 'Customer', 'input.id'), fields)),
  }),
);

builder.mutationField('deleteCustomer', (t) =>
  t.id({
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: async (_root, { id }, ctx) => encodeGlobalID('Customer', await deleteCustomer(ctx, idOf(String(id), 'Customer'))),
  }),
);
