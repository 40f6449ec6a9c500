// GraphQL for API tokens (admins only).
import { z } from 'zod';
import { principalOf } from '../context.js';
import type { Context } from '../context.js';
import { hasRoleAtLeast } from '../auth/principal.js';
import { reload } from '../schema/reload.js';
import { builder } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { nameRule } from '../schema/inputs.js';
import { createApiToken, revokeApiToken } from './service.js';

export const ApiTokenScopeEnum = builder.enumType('ApiTokenScope', {
  values: {
    READ: { description: 'Read everything the workspace shows an agent.' },
    WRITE: { description: 'Also change data, as an agent would.' },
    ADMIN: { description: 'Everything an admin may do.' },
  } as const,
});

export const ApiTokenRef = builder.prismaNode('ApiToken', {
  id: { field: 'id' },
  runScopesOnType: true,
  // Admins see the workspace's tokens; a token always sees itself (`viewer { apiToken }`).
  authScopes: (token, ctx: Context) =>
    !!ctx.principal &&
    token.workspaceId === ctx.principal.workspaceId &&
    (hasRoleAtLeast(ctx.principal, 'ADMIN') || token.id === ctx.principal.tokenId),
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The first characters of the secret, to tell tokens apart.' }),
    scopes: t.expose('scopes', { type: [ApiTokenScopeEnum] }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    createdBy: t.relation('createdBy', { nullable: true }),
  }),
});

builder.queryField('apiTokens', (t) =>
  t.prismaConnection({
    type: 'ApiToken',
    cursor: 'id',
    authScopes: { admin: true },
    args: { includeRevoked: t.arg.boolean({ required: false, defaultValue: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.app.db.prisma.apiToken.findMany({
        ...query,
        where: { workspaceId: principalOf(ctx).workspaceId, revokedAt: args.includeRevoked ? undefined : null },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    name: t.string({ validate: nameRule }),
    scopes: t.field({ type: [ApiTokenScopeEnum], validate: z.array(z.string()).min(1, 'Give at least one scope.') }),
    expiresAt: t.field({ type: 'DateTime', required: false }),
  }),
});

const CreateApiTokenPayload = builder.objectRef<{ secret: string; apiTokenId: string }>('CreateApiTokenPayload');
CreateApiTokenPayload.implement({
  fields: (t) => ({
    secret: t.exposeString('secret', {
      description: 'The token itself, for `Authorization: Bearer`. Shown only in this response.',
    }),
    apiToken: t.prismaField({
      type: 'ApiToken',
      resolve: (query, payload, _args, ctx) =>
        ctx.app.db.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: payload.apiTokenId } }),
    }),
  }),
});

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: CreateApiTokenPayload,
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateApiTokenInput }) },
    resolve: async (_root, { input }, ctx) => {
      const { apiToken, secret } = await createApiToken(ctx, input);
      return { secret, apiTokenId: apiToken.id };
    },
  }),
);

builder.mutationField('revokeApiToken', (t) =>
  t.prismaField({
    type: 'ApiToken',
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, { id }, ctx) => reload(ctx.app.db.prisma.apiToken, query, revokeApiToken(ctx, idOf(String(id), 'ApiToken'))),
  }),
);
