// GraphQL for users (agents): the User node, the `users` list and the admin mutations.
import { reload } from '../schema/reload.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { emailRule, nameRule, passwordRule } from '../schema/inputs.js';
import { principalOf } from '../context.js';
import { userIdsMatching } from './search.js';
import { changeMyPassword, createUser, setUserActive, updateUser } from './service.js';

export const RoleEnum = builder.enumType('Role', { values: ['ADMIN', 'SUPERVISOR', 'AGENT'] as const });

export const UserRef = builder.prismaNode('User', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: RoleEnum }),
    active: t.boolean({ resolve: (user) => user.deactivatedAt === null }),
    deactivatedAt: t.expose('deactivatedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('users', (t) =>
  t.prismaConnection({
    type: 'User',
    cursor: 'id',
    args: {
      role: t.arg({ type: RoleEnum, required: false }),
      search: t.arg.string({ required: false, description: 'Part of the name or e-mail, ignoring case (Turkish i/İ/ı/I alike).' }),
      includeDeactivated: t.arg.boolean({ required: false, defaultValue: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const { workspaceId } = principalOf(ctx);
      const matching = await userIdsMatching(ctx.app.db.prisma, workspaceId, args.search);
      return ctx.app.db.prisma.user.findMany({
        ...query,
        where: {
          workspaceId,
          role: args.role ?? undefined,
          deactivatedAt: args.includeDeactivated ? undefined : null,
          ...(matching ? { id: { in: matching } } : {}),
        },
        orderBy: { createdAt: 'asc' },
      });
    },
  }),
);

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    email: t.string({ validate: emailRule }),
    name: t.string({ validate: nameRule }),
    role: t.field({ type: RoleEnum }),
    password: t.string({ validate: passwordRule, description: 'Initial password; the user can change it.' }),
  }),
});

builder.mutationField('createUser', (t) =>
  t.prismaField({
    type: 'User',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateUserInput }) },
    resolve: (query, _root, { input }, ctx) => reload(ctx.app.db.prisma.user, query, createUser(ctx, input)),
  }),
);

const UpdateUserInput = builder.inputType('UpdateUserInput', {
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: nameRule }),
    email: t.string({ required: false, validate: emailRule }),
    role: t.field({ type: RoleEnum, required: false }),
  }),
});

builder.mutationField('updateUser', (t) =>
  t.prismaField({
    type: 'User',
    description: 'Admins change anyone; a user may change their own name and e-mail.',
    args: { input: t.arg({ type: UpdateUserInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.user, query, updateUser(ctx, { ...input, id: idOf(String(input.id), 'User', 'input.id') })),
  }),
);

builder.mutationField('deactivateUser', (t) =>
  t.prismaField({
    type: 'User',
    description: 'Signs the user out everywhere and refuses their sign-in; their work stays attributed to them.',
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, { id }, ctx) => reload(ctx.app.db.prisma.user, query, setUserActive(ctx, idOf(String(id), 'User'), false)),
  }),
);

builder.mutationField('reactivateUser', (t) =>
  t.prismaField({
    type: 'User',
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, { id }, ctx) => reload(ctx.app.db.prisma.user, query, setUserActive(ctx, idOf(String(id), 'User'), true)),
  }),
);

builder.mutationField('changeMyPassword', (t) =>
  t.boolean({
    description: 'Signs out every other session of the user.',
    args: { currentPassword: t.arg.string(), newPassword: t.arg.string({ validate: passwordRule }) },
    resolve: (_root, args, ctx) => changeMyPassword(ctx, args.currentPassword, args.newPassword),
  }),
);
