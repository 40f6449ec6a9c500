// Canned responses: reply texts supervisors and admins keep for the workspace, with placeholders filled in on the
// server for one ticket and the agent using it. Replying with one goes through the ordinary reply, so outbox,
// history, rules and events are exactly those of a typed reply.
import type { Principal } from '../auth/principal.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, notFound, taken } from '../errors.js';
import type { Tx } from '../events/write.js';
import { writeTransaction } from '../events/write.js';
import { Prisma } from '../generated/prisma/client.js';
import { replyToTicket } from '../tickets/service.js';
import { renderCannedResponse as render, unknownPlaceholderMessage, unknownPlaceholders } from './render.js';

/** What a reply may hold (the reply's own limit); a body full of placeholders can grow past it once rendered. */
const MAX_REPLY_LENGTH = 50_000;

function assertPlaceholders(body: string) {
  const unknown = unknownPlaceholders(body);
  if (unknown.length > 0) throw badInput('input.body', unknownPlaceholderMessage(unknown));
}

async function assertTitleFree(tx: Tx, workspaceId: string, title: string, exceptId?: string) {
  const clash = await tx.cannedResponse.findFirst({ where: { workspaceId, title, id: exceptId ? { not: exceptId } : undefined } });
  if (clash) throw taken('input.title', 'A canned response with this title already exists.');
}

/** Two supervisors saving the same title at once: the unique index decides, and the loser hears CONFLICT. */
async function titleConflictAsTyped<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw taken('input.title', 'A canned response with this title already exists.');
    }
    throw error;
  }
}

async function cannedResponseOf(tx: Tx, workspaceId: string, id: string, field: string) {
  const canned = await tx.cannedResponse.findFirst({ where: { id, workspaceId } });
  if (!canned) throw notFound('CannedResponse', field);
  return canned;
}

export async function createCannedResponse(ctx: Context, input: { title: string; body: string }) {
  const principal = principalOf(ctx);
  assertPlaceholders(input.body);
  return titleConflictAsTyped(
    writeTransaction(ctx.app, principal, async (tx, emit) => {
      await assertTitleFree(tx, principal.workspaceId, input.title);
      const canned = await tx.cannedResponse.create({
        data: { workspaceId: principal.workspaceId, title: input.title, body: input.body, createdBy: principal.actor },
      });
      emit({ type: 'cannedResponse.created', entityType: 'CannedResponse', entityId: canned.id });
      return canned;
    }),
  );
}

export async function updateCannedResponse(ctx: Context, input: { id: string; title?: string | null; body?: string | null }) {
  const principal = principalOf(ctx);
  if (input.body != null) assertPlaceholders(input.body);
  return titleConflictAsTyped(
    writeTransaction(ctx.app, principal, async (tx, emit) => {
      const before = await cannedResponseOf(tx, principal.workspaceId, input.id, 'input.id');
      if (input.title != null) await assertTitleFree(tx, principal.workspaceId, input.title, before.id);
      const canned = await tx.cannedResponse.update({
        where: { id: before.id },
        data: { title: input.title ?? undefined, body: input.body ?? undefined },
      });
      emit({ type: 'cannedResponse.updated', entityType: 'CannedResponse', entityId: canned.id });
      return canned;
    }),
  );
}

export async function deleteCannedResponse(ctx: Context, id: string) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const { count } = await tx.cannedResponse.deleteMany({ where: { id, workspaceId: principal.workspaceId } });
    if (count === 0) throw notFound('CannedResponse');
    emit({ type: 'cannedResponse.deleted', entityType: 'CannedResponse', entityId: id });
    return id;
  });
}

/** Who signs a reply: the agent's own name; an API token speaks for the workspace, so it signs with its name. */
async function agentNameOf(tx: Tx, principal: Principal) {
  if (principal.userId) {
    const user = await tx.user.findUniqueOrThrow({ where: { id: principal.userId }, select: { name: true } });
    return user.name;
  }
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: principal.workspaceId }, select: { name: true } });
  return workspace.name;
}

/** The canned response's body filled in for this ticket and the calling agent. */
export async function renderForTicket(
  ctx: Context,
  cannedResponseId: string,
  ticketId: string,
  fields = { cannedResponseId: 'id', ticketId: 'ticketId' },
) {
  const principal = principalOf(ctx);
  const tx = ctx.app.db.prisma;
  const canned = await cannedResponseOf(tx, principal.workspaceId, cannedResponseId, fields.cannedResponseId);
  const ticket = await tx.ticket.findFirst({
    where: { id: ticketId, workspaceId: principal.workspaceId },
    select: { number: true, subject: true, customer: { select: { name: true } } },
  });
  if (!ticket) throw notFound('Ticket', fields.ticketId);
  return render(canned.body, {
    customer: { name: ticket.customer.name },
    agent: { name: await agentNameOf(tx, principal) },
    ticket: { number: ticket.number, subject: ticket.subject },
  });
}

/** Renders a canned response and sends it as a public reply (optionally moving the ticket to a status). */
export async function replyWithCannedResponse(
  ctx: Context,
  input: { ticketId: string; cannedResponseId: string; statusId?: string | null },
) {
  const body = await renderForTicket(ctx, input.cannedResponseId, input.ticketId, {
    cannedResponseId: 'input.cannedResponseId',
    ticketId: 'input.ticketId',
  });
  if (body.trim().length === 0 || body.length > MAX_REPLY_LENGTH) {
    throw badInput('input.cannedResponseId', `Filled in for this ticket the reply is empty or longer than ${MAX_REPLY_LENGTH} characters.`);
  }
  return replyToTicket(ctx, { ticketId: input.ticketId, body, statusId: input.statusId });
}
