// Managing a workspace's business calendars (admins): opening hours in a time zone plus holidays, which SLA policies
// measure their targets on. Hours and holidays are checked and normalised by the calendar math's own schema.
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, conflict, notFound, taken } from '../errors.js';
import type { Tx } from '../events/write.js';
import { writeTransaction } from '../events/write.js';
import type { Prisma } from '../generated/prisma/client.js';
import { remeasureOpenTickets } from '../sla/recompute.js';
import { businessCalendarSchema, type Holiday, type OpeningInterval, slaCalendarSchema } from './calendar.js';

export interface BusinessCalendarFields {
  name: string;
  description?: string | null;
  timeZone: string;
  weeklyHours: readonly OpeningInterval[];
  holidays?: readonly Partial<Holiday>[] | null;
}

/** Hours and holidays as stored: merged, sorted, checked to open at some point; bad parts name their input field. */
function checkedCalendar(input: { timeZone: string; weeklyHours: unknown; holidays: unknown }) {
  // The shape first: slaCalendarSchema's never-open check would run on (and throw at) a malformed time otherwise.
  const shape = businessCalendarSchema.safeParse(input);
  const result = shape.success ? slaCalendarSchema.safeParse(input) : shape;
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw badInput(['input', ...(issue?.path ?? []).map(String)].join('.'), issue?.message ?? 'Invalid calendar.');
}

async function assertNameFree(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
  const clash = await tx.businessCalendar.findFirst({ where: { workspaceId, name, id: exceptId ? { not: exceptId } : undefined } });
  if (clash) throw taken('input.name', 'A business calendar with this name already exists.');
}

export async function calendarOfWorkspace(tx: Tx, workspaceId: string, id: string, field: string) {
  const calendar = await tx.businessCalendar.findFirst({ where: { id, workspaceId } });
  if (!calendar) throw notFound('BusinessCalendar', field);
  return calendar;
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

export async function createBusinessCalendar(ctx: Context, input: BusinessCalendarFields) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  const calendar = checkedCalendar({ timeZone: input.timeZone, weeklyHours: input.weeklyHours, holidays: input.holidays ?? [] });
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await assertNameFree(tx, workspaceId, input.name);
    const row = await tx.businessCalendar.create({
      data: {
        workspaceId,
        name: input.name,
        description: input.description ?? '',
        timeZone: calendar.timeZone,
        weeklyHours: json(calendar.weeklyHours),
        holidays: json(calendar.holidays),
      },
    });
    emit({ type: 'businessCalendar.created', entityType: 'BusinessCalendar', entityId: row.id });
    return row;
  });
}

export type UpdateBusinessCalendarFields = { id: string } & { [Key in keyof BusinessCalendarFields]?: BusinessCalendarFields[Key] | null };

/** Omitted fields stay as they are; hours and holidays are replaced as a whole. */
export async function updateBusinessCalendar(ctx: Context, input: UpdateBusinessCalendarFields) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const before = await calendarOfWorkspace(tx, workspaceId, input.id, 'input.id');
    // The calendar is checked whole: new hours must still open under the old holidays, and the other way round.
    const calendar = checkedCalendar({
      timeZone: input.timeZone ?? before.timeZone,
      weeklyHours: input.weeklyHours ?? before.weeklyHours,
      holidays: input.holidays ?? before.holidays,
    });
    if (input.name != null) await assertNameFree(tx, workspaceId, input.name, before.id);
    const row = await tx.businessCalendar.update({
      where: { id: before.id },
      data: {
        name: input.name ?? undefined,
        description: input.description ?? undefined,
        timeZone: calendar.timeZone,
        weeklyHours: json(calendar.weeklyHours),
        holidays: json(calendar.holidays),
      },
    });
    const policies = await tx.slaPolicy.findMany({ where: { workspaceId, calendarId: row.id }, select: { id: true } });
    // Open SLA targets on this calendar are measured again by the new hours.
    await remeasureOpenTickets(tx, workspaceId, policies.map((policy) => policy.id), emit);
    // Policies on this calendar now measure differently: listeners (the SLA clocks) learn which.
    emit({
      type: 'businessCalendar.updated',
      entityType: 'BusinessCalendar',
      entityId: row.id,
      payload: { policyIds: policies.map((policy) => policy.id) },
    });
    return row;
  });
}

export async function deleteBusinessCalendar(ctx: Context, id: string) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    // Locked, so a policy cannot take the calendar up between the check and the delete.
    await tx.$queryRaw`SELECT "id" FROM "BusinessCalendar" WHERE "id" = ${id}::uuid AND "workspaceId" = ${workspaceId}::uuid FOR UPDATE`;
    const calendar = await calendarOfWorkspace(tx, workspaceId, id, 'id');
    const users = await tx.slaPolicy.findMany({ where: { workspaceId, calendarId: id }, select: { name: true }, orderBy: { name: 'asc' } });
    if (users.length > 0) {
      throw conflict('id', `SLA policies use this calendar: ${users.map((policy) => policy.name).join(', ')}. Give them another calendar first.`);
    }
    await tx.businessCalendar.delete({ where: { id: calendar.id } });
    emit({ type: 'businessCalendar.deleted', entityType: 'BusinessCalendar', entityId: id });
    return id;
  });
}
