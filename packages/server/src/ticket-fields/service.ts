// Managing a workspace's ticket custom fields (admins): define, change, put in order, delete. The key and the type
// are fixed once a field exists (rules, filters and integrations rely on both); deleting a field that rules still
// ask about is refused, otherwise its values are removed from every ticket in the same transaction, each with a
// history entry. Also registers the save-time check of `customField` rule conditions.
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, conflict, notFound, taken } from '../errors.js';
import type { Tx } from '../events/write.js';
import { transactionTime, writeTransaction } from '../events/write.js';
import type { TicketFieldType } from '../generated/prisma/enums.js';
import { registerConditionCheck } from '../rules/config-checks.js';
import { viaOf } from '../tickets/service.js';
import { moveTo, positionChanges } from '../vocabularies/positions.js';
import { CUSTOM_FIELD_CONDITION, customFieldConditionsIn } from './conditions.js';
import {
  FIELD_KEY,
  FIELD_KEY_MESSAGE,
  type FieldConditionConfig,
  fieldConditionProblem,
  type FieldDefinition,
  historyFieldOf,
  MAX_FIELDS,
  optionsOf,
} from './fields.js';

// ---------------------------------------------------------------- rule conditions

/** A `customField` condition must name a field of the workspace, with an operator and value that fit its type. */
registerConditionCheck(CUSTOM_FIELD_CONDITION, async (tx, workspaceId, config, at) => {
  const condition = config as FieldConditionConfig;
  // FOR SHARE: deleting the field (or removing the option compared with) waits for this rule and then sees it.
  const [field] = await tx.$queryRaw<FieldDefinition[]>`
    SELECT "key", "type"::text AS "type", "options", "required" FROM "TicketField"
     WHERE "workspaceId" = ${workspaceId}::uuid AND "key" = ${condition.key} FOR SHARE`;
  if (!field) throw badInput(`${at}.key`, `This workspace has no custom field "${condition.key}" (see ticketFields).`);
  const problem = fieldConditionProblem(field, condition);
  if (problem) throw badInput(`${at}.${problem.path}`, problem.message);
});

/** Names of the rules (ticket and SLA) with a customField condition on `key` that `matches`. */
async function rulesAskingAbout(tx: Tx, workspaceId: string, key: string, matches: (condition: FieldConditionConfig) => boolean = () => true) {
  const rules = await tx.rule.findMany({ where: { workspaceId }, select: { name: true, ruleSet: true, conditions: true }, orderBy: { name: 'asc' } });
  return rules
    .filter((rule) => customFieldConditionsIn(rule.conditions).some((condition) => condition.key === key && matches(condition)))
    .map((rule) => (rule.ruleSet === 'SLA' ? `SLA rule "${rule.name}"` : `rule "${rule.name}"`));
}

const listed = (names: string[]) => (names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`);

// ---------------------------------------------------------------- order

/** Field changes of one workspace take turns: positions stay dense (0..n-1) and keys unique even when admins race. */
async function lockFields(tx: Tx, workspaceId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`ticketFields:${workspaceId}`}, 0))`;
}

const fieldsInOrder = (tx: Tx, workspaceId: string) =>
  tx.ticketField.findMany({
    where: { workspaceId },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, position: true },
  });

async function applyOrder(tx: Tx, rows: { id: string; position: number }[], ordered: string[]) {
  for (const change of positionChanges(rows, ordered)) {
    await tx.ticketField.update({ where: { id: change.id }, data: { position: change.position } });
  }
}

/** The field, locked against ticket writes that use it (they take FOR SHARE, see ticket-values.ts). */
async function fieldOfWorkspace(tx: Tx, workspaceId: string, id: string, field: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "TicketField" WHERE "id" = ${id}::uuid AND "workspaceId" = ${workspaceId}::uuid FOR UPDATE`;
  if (!row) throw notFound('TicketField', field);
  return tx.ticketField.findUniqueOrThrow({ where: { id: row.id } });
}

function checkedOptions(type: TicketFieldType, options: readonly string[] | null | undefined) {
  const outcome = optionsOf(type, options);
  if ('problem' in outcome) throw badInput(['input.options', outcome.problem.path].filter(Boolean).join('.'), outcome.problem.message);
  return outcome.options;
}

// ---------------------------------------------------------------- mutations

export interface CreateTicketFieldFields {
  key: string;
  name: string;
  type: TicketFieldType;
  options?: readonly string[] | null;
  required?: boolean | null;
  /** 0 = first; omitted = last. */
  position?: number | null;
}

export async function createTicketField(ctx: Context, input: CreateTicketFieldFields) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  if (!FIELD_KEY.test(input.key)) throw badInput('input.key', FIELD_KEY_MESSAGE);
  const options = checkedOptions(input.type, input.options);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockFields(tx, workspaceId);
    if (await tx.ticketField.findFirst({ where: { workspaceId, key: input.key }, select: { id: true } })) {
      throw taken('input.key', `A custom field with the key "${input.key}" already exists.`);
    }
    const rows = await fieldsInOrder(tx, workspaceId);
    if (rows.length >= MAX_FIELDS) throw conflict('input', `A workspace has at most ${MAX_FIELDS} custom fields.`);
    const field = await tx.ticketField.create({
      data: { workspaceId, key: input.key, name: input.name, type: input.type, options, required: input.required ?? false, position: rows.length },
    });
    if (input.position != null) {
      const all = [...rows, field];
      await applyOrder(tx, all, moveTo(all.map((row) => row.id), field.id, input.position));
    }
    emit({ type: 'ticketField.created', entityType: 'TicketField', entityId: field.id, payload: { key: field.key } });
    return field;
  });
}

export interface UpdateTicketFieldFields {
  id: string;
  name?: string | null;
  /** DROPDOWN only; replaces the list. An option tickets or rules still use cannot be removed. */
  options?: readonly string[] | null;
  required?: boolean | null;
  position?: number | null;
}

export async function updateTicketField(ctx: Context, input: UpdateTicketFieldFields) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockFields(tx, workspaceId);
    const before = await fieldOfWorkspace(tx, workspaceId, input.id, 'input.id');
    const changed: string[] = [];
    let options: string[] | undefined;
    if (input.options != null) {
      options = checkedOptions(before.type, input.options);
      const kept = new Set(options.map((option) => option.toLowerCase()));
      const removed = before.options.filter((option) => !kept.has(option.toLowerCase())).map((option) => option.toLowerCase());
      if (removed.length > 0) {
        const [{ count }] = await tx.$queryRaw<{ count: number }[]>`
          SELECT count(*)::int AS "count" FROM "Ticket"
           WHERE "workspaceId" = ${workspaceId}::uuid AND lower("customFields" ->> ${before.key}) = ANY(${removed}::text[])`;
        if (count > 0) {
          throw conflict('input.options', `${count} ticket${count === 1 ? ' has' : 's have'} a value this change removes: change ${count === 1 ? 'it' : 'them'} first.`);
        }
        const rules = await rulesAskingAbout(tx, workspaceId, before.key, (condition) =>
          typeof condition.value === 'string' && removed.includes(condition.value.toLowerCase()),
        );
        if (rules.length > 0) throw conflict('input.options', `Still compared with by ${listed(rules)}: change the rules first.`);
      }
      if (options.join('\u0000') !== before.options.join('\u0000')) changed.push('options');
    }
    if (input.name != null && input.name !== before.name) changed.push('name');
    if (input.required != null && input.required !== before.required) changed.push('required');
    if (input.position != null) {
      const rows = await fieldsInOrder(tx, workspaceId);
      const ordered = moveTo(rows.map((row) => row.id), before.id, input.position);
      if (positionChanges(rows, ordered).length > 0) changed.push('position');
      await applyOrder(tx, rows, ordered);
    }
    const field = await tx.ticketField.update({
      where: { id: before.id },
      data: { name: input.name ?? undefined, options, required: input.required ?? undefined },
    });
    emit({ type: 'ticketField.updated', entityType: 'TicketField', entityId: field.id, payload: { key: field.key, fields: changed } });
    return field;
  });
}

/** A complete new order of the workspace's fields, first to last. */
export async function reorderTicketFields(ctx: Context, ids: string[]) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockFields(tx, workspaceId);
    const rows = await fieldsInOrder(tx, workspaceId);
    const known = new Set(rows.map((row) => row.id));
    const unknown = ids.findIndex((id) => !known.has(id));
    if (unknown >= 0) throw notFound('TicketField', `ids.${unknown}`);
    if (new Set(ids).size !== ids.length) throw badInput('ids', 'Each field may be listed only once.');
    const missing = rows.length - ids.length;
    if (missing > 0) throw badInput('ids', `List every custom field of the workspace: ${missing} ${missing === 1 ? 'is' : 'are'} missing.`);
    await applyOrder(tx, rows, ids);
    emit({ type: 'ticketField.reordered', entityType: 'Workspace', entityId: workspaceId, payload: { fieldIds: ids } });
    return ids;
  });
}

/**
 * Deletes a field. Refused while a rule asks about it (the rule would silently stop matching, or match a later field
 * that reuses the key). Otherwise every ticket's value goes in the same transaction, each with a
 * `customField:<key>` history entry and a ticket.updated event; no rule or SLA outcome can change by it, so rules
 * do not run.
 */
export async function deleteTicketField(ctx: Context, id: string) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(
    ctx.app,
    principal,
    async (tx, emit) => {
      await lockFields(tx, workspaceId);
      const field = await fieldOfWorkspace(tx, workspaceId, id, 'id');
      const rules = await rulesAskingAbout(tx, workspaceId, field.key);
      if (rules.length > 0) throw conflict('id', `Used by ${listed(rules)}: change or delete the rules first.`);
      const now = transactionTime(tx);
      const cleared = await tx.$queryRaw<{ id: string; value: unknown }[]>`
        WITH "old" AS (
          SELECT "id", "customFields" -> ${field.key} AS "value" FROM "Ticket"
           WHERE "workspaceId" = ${workspaceId}::uuid AND ("customFields" -> ${field.key}) IS NOT NULL FOR UPDATE)
        UPDATE "Ticket" t SET "customFields" = t."customFields" - ${field.key}::text, "updatedAt" = ${now}
          FROM "old" WHERE t."id" = "old"."id"
        RETURNING t."id", "old"."value"`;
      if (cleared.length > 0) {
        await tx.ticketHistoryEntry.createMany({
          data: cleared.map((ticket) => ({
            createdAt: now,
            workspaceId,
            ticketId: ticket.id,
            actor: principal.actor,
            via: viaOf(principal),
            field: historyFieldOf(field.key),
            fromValue: ticket.value as never,
          })),
        });
      }
      for (const ticket of cleared) {
        emit({ type: 'ticket.updated', entityType: 'Ticket', entityId: ticket.id, payload: { fields: [historyFieldOf(field.key)] } });
      }
      await tx.ticketField.delete({ where: { id: field.id } });
      const rows = await fieldsInOrder(tx, workspaceId);
      await applyOrder(tx, rows, rows.map((row) => row.id));
      emit({ type: 'ticketField.deleted', entityType: 'TicketField', entityId: field.id, payload: { key: field.key, clearedTickets: cleared.length } });
      return field.id;
    },
    // Clearing a field is one statement, but a big workspace may have it on many tickets.
    { timeoutMs: 60_000 },
  );
}
