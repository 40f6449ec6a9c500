// GraphQL for workspaces: the Workspace node, `viewer`, sign-up and settings.
import { reload } from '../schema/reload.js';
import { builder } from '../schema/builder.js';
import { languageRule, nameRule, emailRule, passwordRule, timeZoneRule } from '../schema/inputs.js';
import { NO_ROW } from '../schema/ids.js';
import { createWorkspace, updateWorkspace } from './service.js';
import { RoleEnum } from '../users/schema.js';
import { principalOf } from '../context.js';
import { actAsNewSession } from '../auth/service.js';

export const WorkspaceRef = builder.prismaNode('Workspace', {
  id: { field: 'id' },
  runScopesOnType: true,
  authScopes: (workspace, ctx) => workspace.id === ctx.principal?.workspaceId,
  findUnique: (id, ctx) => ({ id: id === ctx.principal?.workspaceId ? id : NO_ROW }),
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    timeZone: t.exposeString('timeZone', { description: 'IANA time zone used for business hours and "today".' }),
    language: t.exposeString('language', { description: 'Default language of customer-facing texts.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const ViewerRef = builder.objectRef<{ workspaceId: string; userId: string | null; tokenId: string | null; role: string }>(
  'Viewer',
);
ViewerRef.implement({
  description: 'Who is asking: a signed-in user, or an integration acting through an API token.',
  fields: (t) => ({
    workspace: t.prismaField({
      type: 'Workspace',
      resolve: (query, viewer, _args, ctx) =>
        ctx.app.db.prisma.workspace.findUniqueOrThrow({ ...query, where: { id: viewer.workspaceId } }),
    }),
    user: t.prismaField({
      type: 'User',
      nullable: true,
      resolve: (query, viewer, _args, ctx) =>
        viewer.userId ? ctx.app.db.prisma.user.findUnique({ ...query, where: { id: viewer.userId } }) : null,
    }),
    apiToken: t.prismaField({
      type: 'ApiToken',
      nullable: true,
      resolve: (query, viewer, _args, ctx) =>
        viewer.tokenId ? ctx.app.db.prisma.apiToken.findUnique({ ...query, where: { id: viewer.tokenId } }) : null,
    }),
    role: t.field({ type: RoleEnum, resolve: (viewer) => viewer.role as never }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    resolve: (_root, _args, ctx) => {
      const principal = principalOf(ctx);
      return { workspaceId: principal.workspaceId, userId: principal.userId, tokenId: principal.tokenId, role: principal.role };
    },
  }),
);

const SessionPayload = builder.objectRef<{ token: string; expiresAt: Date; user: { id: string } }>('SessionPayload');
SessionPayload.implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Send as `Authorization: Bearer <token>`. Shown only here.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    user: t.prismaField({
      type: 'User',
      resolve: (query, payload, _args, ctx) =>
        ctx.app.db.prisma.user.findUniqueOrThrow({ ...query, where: { id: payload.user.id } }),
    }),
  }),
});
export { SessionPayload };

const CreateWorkspaceInput = builder.inputType('CreateWorkspaceInput', {
  fields: (t) => ({
    name: t.string({ validate: nameRule }),
    timeZone: t.string({ required: false, validate: timeZoneRule }),
    language: t.string({ required: false, validate: languageRule }),
    adminName: t.string({ validate: nameRule }),
    adminEmail: t.string({ validate: emailRule }),
    adminPassword: t.string({ validate: passwordRule }),
  }),
});

builder.mutationField('createWorkspace', (t) =>
  t.field({
    type: SessionPayload,
    description: 'Sign up: a new workspace with its first admin, signed in. Refused when sign-up is closed.',
    skipTypeScopes: true,
    args: { input: t.arg({ type: CreateWorkspaceInput }) },
    resolve: async (_root, { input }, ctx) => actAsNewSession(ctx, await createWorkspace(ctx.app, input)),
  }),
);

const UpdateWorkspaceInput = builder.inputType('UpdateWorkspaceInput', {
  fields: (t) => ({
    name: t.string({ required: false, validate: nameRule }),
    timeZone: t.string({ required: false, validate: timeZoneRule }),
    language: t.string({ required: false, validate: languageRule }),
  }),
});

builder.mutationField('updateWorkspace', (t) =>
  t.prismaField({
    type: 'Workspace',
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateWorkspaceInput }) },
    resolve: (query, _root, { input }, ctx) => reload(ctx.app.db.prisma.workspace, query, updateWorkspace(ctx, input)),
  }),
);
