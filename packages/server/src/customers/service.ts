// Customers: the people support talks to, matched by e-mail within a workspace.
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { conflict, notFound, taken } from '../errors.js';
import type { Tx } from '../events/write.js';
import { writeTransaction } from '../events/write.js';
import { normaliseEmail } from '../schema/inputs.js';

export interface CustomerFields {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  whatsappNumber?: string | null;
  facebookId?: string | null;
  instagramId?: string | null;
  group?: string | null;
}

async function assertEmailFree(tx: Tx, workspaceId: string, email: string, exceptId?: string) {
  const clash = await tx.customer.findFirst({ where: { workspaceId, email, id: exceptId ? { not: exceptId } : undefined } });
  if (clash) throw taken('input.email', 'A customer with this e-mail already exists.');
}

// Explicit null clears a handle; an omitted field leaves it as it is.
const clearableField = (value: string | null | undefined) => (value === undefined ? undefined : value);

export async function createCustomer(ctx: Context, input: CustomerFields & { name: string }) {
  const principal = principalOf(ctx);
  const email = input.email ? normaliseEmail(input.email) : null;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    if (email) await assertEmailFree(tx, principal.workspaceId, email);
    const customer = await tx.customer.create({
      data: {
        workspaceId: principal.workspaceId,
        name: input.name,
        email,
        phone: input.phone ?? null,
        whatsappNumber: input.whatsappNumber ?? null,
        facebookId: input.facebookId ?? null,
        instagramId: input.instagramId ?? null,
        group: input.group ?? null,
      },
    });
    emit({ type: 'customer.created', entityType: 'Customer', entityId: customer.id });
    return customer;
  });
}

export async function updateCustomer(ctx: Context, id: string, input: CustomerFields) {
  const principal = principalOf(ctx);
  const email = input.email ? normaliseEmail(input.email) : clearableField(input.email);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const before = await tx.customer.findFirst({ where: { id, workspaceId: principal.workspaceId } });
    if (!before) throw notFound('Customer', 'input.id');
    if (email) await assertEmailFree(tx, principal.workspaceId, email, id);
    const customer = await tx.customer.update({
      where: { id },
      data: {
        name: input.name ?? undefined,
        email,
        phone: clearableField(input.phone),
        whatsappNumber: clearableField(input.whatsappNumber),
        facebookId: clearableField(input.facebookId),
        instagramId: clearableField(input.instagramId),
        group: clearableField(input.group),
      },
    });
    emit({ type: 'customer.updated', entityType: 'Customer', entityId: id });
    return customer;
  });
}

export async function deleteCustomer(ctx: Context, id: string) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const tickets = await tx.ticket.count({ where: { customerId: id, workspaceId: principal.workspaceId } });
    if (tickets > 0) throw conflict('id', `This customer has ${tickets} ticket(s); their history stays, so the customer does too.`);
    const { count } = await tx.customer.deleteMany({ where: { id, workspaceId: principal.workspaceId } });
    if (count === 0) throw notFound('Customer');
    // What the partner told us about this person goes with them.
    await tx.customerContextCache.deleteMany({ where: { customerId: id } });
    emit({ type: 'customer.deleted', entityType: 'Customer', entityId: id });
    return id;
  });
}
