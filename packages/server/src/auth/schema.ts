// GraphQL for signing in and out.
import { builder } from '../schema/builder.js';
import { SessionPayload } from '../workspaces/schema.js';
import { actAsNewSession, login, logout } from './service.js';

builder.mutationField('login', (t) =>
  t.field({
    type: SessionPayload,
    description: 'Exchange e-mail and password for a session token.',
    skipTypeScopes: true,
    args: { email: t.arg.string(), password: t.arg.string() },
    resolve: async (_root, { email, password }, ctx) => actAsNewSession(ctx, await login(ctx.app, email, password)),
  }),
);

builder.mutationField('logout', (t) =>
  t.boolean({
    description: "Revoke the caller's session token; open subscriptions of that session are closed.",
    skipTypeScopes: true,
    authScopes: { signedIn: true },
    resolve: (_root, _args, ctx) => logout(ctx),
  }),
);
