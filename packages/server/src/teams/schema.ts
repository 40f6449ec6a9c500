// GraphQL for teams.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { principalOf } from '../context.js';
import { reload } from '../schema/reload.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { nameRule } from '../schema/inputs.js';
import { UserRef } from '../users/schema.js';
import { createTeam, deleteTeam, updateTeam } from './service.js';

export const TeamRef = builder.prismaNode('Team', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

// Membership links both ways; declared here, next to the team, so users/ need not know about teams.
builder.prismaObjectFields(TeamRef, (t) => ({
  members: t.field({
    type: [UserRef],
    select: { members: { select: { user: true }, orderBy: { createdAt: 'asc' } } },
    resolve: (team) => team.members.map((membership) => membership.user),
  }),
}));

builder.prismaObjectFields(UserRef, (t) => ({
  teams: t.field({
    type: [TeamRef],
    select: { teams: { select: { team: true }, orderBy: { team: { name: 'asc' } } } },
    resolve: (user) => user.teams.map((membership) => membership.team),
  }),
}));

builder.queryField('teams', (t) =>
  t.prismaConnection({
    type: 'Team',
    cursor: 'id',
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.team.findMany({ ...query, where: { workspaceId: principalOf(ctx).workspaceId }, orderBy: { name: 'asc' } }),
  }),
);

const memberIdsOf = (ids: readonly (string | number)[]) => ids.map((id) => idOf(String(id), 'User', 'input.memberIds'));

const CreateTeamInput = builder.inputType('CreateTeamInput', {
  fields: (t) => ({
    name: t.string({ validate: nameRule }),
    memberIds: t.idList({ required: false, defaultValue: [] }),
  }),
});

builder.mutationField('createTeam', (t) =>
  t.prismaField({
    type: 'Team',
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: CreateTeamInput }) },
    resolve: (query, _root, { input }, ctx) => reload(ctx.app.db.prisma.team, query, createTeam(ctx, { name: input.name, memberIds: memberIdsOf(input.memberIds ?? []) })),
  }),
);

const UpdateTeamInput = builder.inputType('UpdateTeamInput', {
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: nameRule }),
    memberIds: t.idList({ required: false, description: 'The complete new member list.' }),
  }),
});

builder.mutationField('updateTeam', (t) =>
  t.prismaField({
    type: 'Team',
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: UpdateTeamInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.team, query, updateTeam(ctx, {
        id: idOf(String(input.id), 'Team', 'input.id'),
        name: input.name,
        memberIds: input.memberIds ? memberIdsOf(input.memberIds) : null,
      })),
  }),
);

builder.mutationField('deleteTeam', (t) =>
  t.id({
    description:
      'Returns the id of the deleted team. CONFLICT while tickets are assigned to it, or while it is the only assignee of a product ' +
      '(its empty list would open the product to everyone): change those first.',
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: async (_root, { id }, ctx) => encodeGlobalID('Team', await deleteTeam(ctx, idOf(String(id), 'Team'))),
  }),
);
