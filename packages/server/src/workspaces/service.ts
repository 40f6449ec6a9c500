// Workspaces (tenants): sign-up creates one with its first admin; admins change its settings.
import { hashPassword } from '../auth/secrets.js';
import type { AppServices, Context } from '../context.js';
import { principalOf } from '../context.js';
import { forbidden, taken } from '../errors.js';
import { writeTransaction } from '../events/write.js';
import { normaliseEmail } from '../schema/inputs.js';
import { startSession } from '../auth/service.js';

/** Every workspace starts with one status per category; admins rename, add and reorder them. */
const DEFAULT_TICKET_STATUSES = [
  { name: 'New', category: 'NEW', isDefault: true },
  { name: 'Open', category: 'OPEN', isDefault: false },
  { name: 'Pending', category: 'PENDING', isDefault: false },
  { name: 'Resolved', category: 'RESOLVED', isDefault: false },
  { name: 'Closed', category: 'CLOSED', isDefault: false },
] as const;

export interface CreateWorkspaceInput {
  name: string;
  timeZone?: string | null;
  language?: string | null;
  adminName: string;
  adminEmail: string;
  adminPassword: string;
}

/** Sign-up through the API; the server's operator can close it (DESKGRAPH_SIGNUP=closed). */
export async function createWorkspace(app: AppServices, input: CreateWorkspaceInput) {
  if (!app.config.signupOpen) throw forbidden('Sign-up is closed on this server; ask its operator for an account.');
  return insertWorkspaceWithAdmin(app, input);
}

/** A workspace, its first admin and a session for that admin, in one transaction. */
export async function insertWorkspaceWithAdmin(app: Pick<AppServices, 'db' | 'events' | 'config'>, input: CreateWorkspaceInput) {
  const email = normaliseEmail(input.adminEmail);
  const passwordHash = await hashPassword(input.adminPassword);
  return writeTransaction(app, { workspaceId: null, actor: 'system' }, async (tx, emit) => {
    if (await tx.user.findUnique({ where: { email } })) {
      throw taken('adminEmail', 'A user with this e-mail already exists.');
    }
    const workspace = await tx.workspace.create({
      data: { name: input.name, timeZone: input.timeZone ?? 'UTC', language: input.language ?? 'en' },
    });
    const admin = await tx.user.create({
      data: { workspaceId: workspace.id, email, name: input.adminName, role: 'ADMIN', passwordHash },
    });
    await tx.ticketStatus.createMany({
      data: DEFAULT_TICKET_STATUSES.map((status, position) => ({ ...status, position, workspaceId: workspace.id })),
    });
    emit({ type: 'workspace.created', entityType: 'Workspace', entityId: workspace.id, workspaceId: workspace.id });
    emit({ type: 'user.created', entityType: 'User', entityId: admin.id, workspaceId: workspace.id });
    const session = await startSession(tx, admin.id, app.config.sessionTtlHours);
    return { workspace, user: admin, ...session };
  });
}

export interface UpdateWorkspaceInput {
  name?: string | null;
  timeZone?: string | null;
  language?: string | null;
}

export async function updateWorkspace(ctx: Context, input: UpdateWorkspaceInput) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const workspace = await tx.workspace.update({
      where: { id: principal.workspaceId },
      data: {
        name: input.name ?? undefined,
        timeZone: input.timeZone ?? undefined,
        language: input.language ?? undefined,
      },
    });
    emit({ type: 'workspace.updated', entityType: 'Workspace', entityId: workspace.id, payload: { ...input } });
    return workspace;
  });
}
