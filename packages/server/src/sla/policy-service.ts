// Managing a workspace's SLA policies (supervisors and admins): what is promised (targets per metric, the share to
// meet), on which calendar it is measured, and where it may apply. SLA rules decide which tickets get which policy.
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { conflict, notFound, taken } from '../errors.js';
import type { Tx } from '../events/write.js';
import { writeTransaction } from '../events/write.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Channel, Priority } from '../generated/prisma/enums.js';
import { lockRules } from '../rules/service.js';
import { remeasureOpenTickets } from './recompute.js';
import { policyIdOfActions } from './rule-kinds.js';
import type { PolicyTarget } from './terms.js';

/** Input as the schema's validation left it: targets checked and in metric order, numbers in range. */
export interface SlaPolicyFields {
  name: string;
  description?: string | null;
  productIds?: readonly string[] | null;
  channels?: readonly Channel[] | null;
  priorities?: readonly Priority[] | null;
  /** null = 24/7. */
  calendarId?: string | null;
  targets: readonly PolicyTarget[];
  targetRate: number;
  pauseWhenPending?: boolean | null;
  warnAtPercent?: number | null;
}

export const DEFAULT_WARN_AT_PERCENT = 80;

async function assertNameFree(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
  const clash = await tx.slaPolicy.findFirst({ where: { workspaceId, name, id: exceptId ? { not: exceptId } : undefined } });
  if (clash) throw taken('input.name', 'An SLA policy with this name already exists.');
}

export async function policyOfWorkspace(tx: Tx, workspaceId: string, id: string, field: string) {
  const policy = await tx.slaPolicy.findFirst({ where: { id, workspaceId } });
  if (!policy) throw notFound('SlaPolicy', field);
  return policy;
}

/**
 * The calendar must be the workspace's; its row stays share-locked until commit, so a concurrent deletion of the
 * calendar waits for this policy and then sees it in use (or this check waits for the deletion and answers NOT_FOUND).
 */
async function assertCalendar(tx: Tx, workspaceId: string, calendarId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "BusinessCalendar"
     WHERE "id" = ${calendarId}::uuid AND "workspaceId" = ${workspaceId}::uuid FOR SHARE`;
  if (rows.length === 0) throw notFound('BusinessCalendar', 'input.calendarId');
}

/** Each product must be the workspace's; the first that is not answers NOT_FOUND at its place in the list. */
async function checkedProductIds(tx: Tx, workspaceId: string, productIds: readonly string[]) {
  const found = await tx.product.findMany({ where: { workspaceId, id: { in: [...productIds] } }, select: { id: true } });
  const known = new Set(found.map((product) => product.id));
  const missing = productIds.findIndex((id) => !known.has(id));
  if (missing >= 0) throw notFound('Product', `input.productIds.${missing}`);
  return [...new Set(productIds)];
}

const unique = <T>(values: readonly T[] | null | undefined) => (values ? [...new Set(values)] : undefined);

export async function createSlaPolicy(ctx: Context, input: SlaPolicyFields) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const productIds = await checkedProductIds(tx, workspaceId, input.productIds ?? []);
    if (input.calendarId) await assertCalendar(tx, workspaceId, input.calendarId);
    await assertNameFree(tx, workspaceId, input.name);
    const policy = await tx.slaPolicy.create({
      data: {
        workspaceId,
        name: input.name,
        description: input.description ?? '',
        productIds,
        channels: unique(input.channels) ?? [],
        priorities: unique(input.priorities) ?? [],
        calendarId: input.calendarId ?? null,
        targets: input.targets as unknown as Prisma.InputJsonValue,
        targetRate: input.targetRate,
        pauseWhenPending: input.pauseWhenPending ?? true,
        warnAtPercent: input.warnAtPercent ?? DEFAULT_WARN_AT_PERCENT,
      },
    });
    emit({ type: 'slaPolicy.created', entityType: 'SlaPolicy', entityId: policy.id });
    return policy;
  });
}

export type UpdateSlaPolicyFields = { id: string } & { [Key in keyof SlaPolicyFields]?: SlaPolicyFields[Key] | null };

/**
 * Omitted fields stay as they are; `calendarId: null` measures around the clock from now on. Tickets under the
 * policy are measured by its new terms on their next change (the event tells the SLA clocks which policy changed).
 */
export async function updateSlaPolicy(ctx: Context, input: UpdateSlaPolicyFields) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const before = await policyOfWorkspace(tx, workspaceId, input.id, 'input.id');
    const productIds = input.productIds ? await checkedProductIds(tx, workspaceId, input.productIds) : undefined;
    if (input.calendarId) await assertCalendar(tx, workspaceId, input.calendarId);
    if (input.name != null) await assertNameFree(tx, workspaceId, input.name, before.id);
    const policy = await tx.slaPolicy.update({
      where: { id: before.id },
      data: {
        name: input.name ?? undefined,
        description: input.description ?? undefined,
        productIds,
        channels: unique(input.channels),
        priorities: unique(input.priorities),
        // Explicit null: back to 24/7; omitted: unchanged.
        calendarId: input.calendarId === undefined ? undefined : input.calendarId,
        targets: input.targets ? (input.targets as unknown as Prisma.InputJsonValue) : undefined,
        targetRate: input.targetRate ?? undefined,
        pauseWhenPending: input.pauseWhenPending ?? undefined,
        warnAtPercent: input.warnAtPercent ?? undefined,
      },
    });
    const fields = Object.keys(input).filter((key) => key !== 'id' && input[key as keyof typeof input] !== undefined);
    // New terms apply to the tickets the policy measures now, not only from their next change.
    if (['targets', 'calendarId', 'pauseWhenPending', 'warnAtPercent', 'targetRate'].some((field) => fields.includes(field))) {
      await remeasureOpenTickets(tx, workspaceId, [policy.id], emit);
    }
    emit({ type: 'slaPolicy.updated', entityType: 'SlaPolicy', entityId: policy.id, payload: { fields } });
    return policy;
  });
}

/** SLA rules (table Rule, ruleSet SLA) whose setSlaPolicy action names this policy. */
export async function rulesSettingPolicy(tx: Tx, workspaceId: string, policyId: string) {
  const rules = await tx.rule.findMany({
    where: { workspaceId, ruleSet: 'SLA' },
    select: { name: true, actions: true },
    orderBy: { position: 'asc' },
  });
  return rules.filter((rule) => policyIdOfActions(rule.actions) === policyId);
}

/**
 * Deletes a policy no SLA rule sets (CONFLICT naming the rules otherwise). Tickets under it are left without a
 * policy; their SLA targets keep the policy's name, so reports of the past stay whole.
 */
export async function deleteSlaPolicy(ctx: Context, id: string) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    // SLA rule changes take the same lock: no rule can start naming the policy meanwhile.
    await lockRules(tx, workspaceId, 'SLA');
    const policy = await policyOfWorkspace(tx, workspaceId, id, 'id');
    const rules = await rulesSettingPolicy(tx, workspaceId, policy.id);
    if (rules.length > 0) {
      throw conflict('id', `SLA rules set this policy: ${rules.map((rule) => rule.name).join(', ')}. Change or delete them first.`);
    }
    // Promises nobody makes any more stop: unfinished targets go (no breach alert for a deleted policy), finished
    // ones stay for the reports of the past.
    const unfinished = await tx.slaTarget.findMany({
      where: { policyId: policy.id, completedAt: null, status: { in: ['ACTIVE', 'PAUSED'] } },
      select: { ticketId: true },
      distinct: ['ticketId'],
    });
    await tx.slaTarget.deleteMany({ where: { policyId: policy.id, completedAt: null, status: { in: ['ACTIVE', 'PAUSED'] } } });
    if (unfinished.length > 0) {
      await tx.ticket.updateMany({ where: { id: { in: unfinished.map((row) => row.ticketId) } }, data: { slaNextDueAt: null } });
    }
    await tx.slaPolicy.delete({ where: { id: policy.id } });
    emit({ type: 'slaPolicy.deleted', entityType: 'SlaPolicy', entityId: policy.id });
    return policy.id;
  });
}
