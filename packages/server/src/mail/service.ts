// E-mail settings of a workspace: the address its replies are sent from.
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { writeTransaction } from '../events/write.js';
import { normaliseEmail } from '../schema/inputs.js';

/** `null` clears the address: replies then go out from the server's SMTP_FROM. */
export async function updateWorkspaceEmail(ctx: Context, input: { supportEmail: string | null }) {
  const principal = principalOf(ctx);
  const supportEmail = input.supportEmail == null ? null : normaliseEmail(input.supportEmail);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const workspace = await tx.workspace.update({ where: { id: principal.workspaceId }, data: { supportEmail } });
    emit({ type: 'workspace.updated', entityType: 'Workspace', entityId: workspace.id, payload: { supportEmail } });
    return workspace;
  });
}
