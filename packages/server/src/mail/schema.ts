// GraphQL for e-mail: the workspace's support address (the sender of replies) and who may change it. The outbox
// itself has no API: replies write to it (src/tickets/service.ts) and the worker (worker.ts) sends.
import { builder } from '../schema/builder.js';
import { emailRule } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import { updateWorkspaceEmail } from './service.js';
import '../attachments/schema.js';

builder.prismaObjectField('Workspace', 'supportEmail', (t) =>
  t.exposeString('supportEmail', {
    nullable: true,
    description: "The address replies to customers are sent from; when null, the server's default sender.",
  }),
);

const UpdateWorkspaceEmailInput = builder.inputType('UpdateWorkspaceEmailInput', {
  fields: (t) => ({
    supportEmail: t.string({
      required: false,
      validate: emailRule,
      description: "The sender of replies, e.g. support@example.com; null goes back to the server's default sender.",
    }),
  }),
});

builder.mutationField('updateWorkspaceEmail', (t) =>
  t.prismaField({
    type: 'Workspace',
    description: 'Set the address replies to customers are sent from. Admins only.',
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateWorkspaceEmailInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.workspace, query, updateWorkspaceEmail(ctx, { supportEmail: input.supportEmail ?? null })),
  }),
);
