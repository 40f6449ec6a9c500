// The single Pothos builder. Authorization is declarative: every field runs scope-auth, and every type that belongs
// to a workspace refuses to resolve for a principal of another workspace (see `workspaceOwned`).
import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { hasRoleAtLeast } from '../auth/principal.js';
import { loadConfig } from '../config.js';
import type { Context } from '../context.js';
import { badInput, forbidden, unauthenticated } from '../errors.js';
import type PrismaTypes from '../generated/pothos-prisma-types.js';
import { getDatamodel } from '../generated/pothos-prisma-types.js';

const { pageSize } = loadConfig();

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    /** Any valid session or API token. */
    signedIn: boolean;
    /** May change data (every user; API tokens with WRITE or ADMIN). */
    write: boolean;
    supervisor: boolean;
    admin: boolean;
    /** A chat visitor's token (web widget, in-app SDK): only the visitor fields accept it. */
    visitor: boolean;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, ValidationPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    // Check scopes when a subscription starts, not only per event: a visitor socket must never run an agent
    // subscription's setup (the default checks only when events resolve).
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      signedIn: !!ctx.principal,
      write: !!ctx.principal?.canWrite,
      supervisor: hasRoleAtLeast(ctx.principal, 'SUPERVISOR'),
      admin: hasRoleAtLeast(ctx.principal, 'ADMIN'),
      visitor: !ctx.principal && !!ctx.visitor,
    }),
    unauthorizedError: (_parent, ctx) =>
      ctx.principal || ctx.visitor ? forbidden() : unauthenticated(ctx.authProblem ?? undefined),
  },
  prisma: {
    client: (ctx) => ctx.app.db.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
    defaultConnectionSize: pageSize.default,
    maxConnectionSize: pageSize.max,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
  },
  validation: {
    validationError: (failure) => {
      const issue = failure.issues[0];
      const field = (issue?.path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment)).join('.');
      return badInput(field || 'input', issue?.message ?? 'Invalid input.');
    },
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('JSON', JSONResolver);

builder.queryType({ authScopes: { signedIn: true } });
// `write` implies signed in; scope maps are any-of, so it stands alone.
builder.mutationType({ authScopes: { write: true } });
builder.subscriptionType({ authScopes: { signedIn: true } });

/**
 * Type options for everything owned by a workspace: resolving it for a principal of another workspace fails as a
 * whole, whatever resolver let it through. Queries also filter by workspace; this is the second wall.
 */
export const workspaceOwned = {
  runScopesOnType: true,
  authScopes: (parent: { workspaceId: string }, ctx: Context) =>
    !!ctx.principal && parent.workspaceId === ctx.principal.workspaceId,
} as const;
