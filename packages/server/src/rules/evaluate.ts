// Rule definitions and their evaluation (pure). A rule is a list of conditions that must all hold (`any` and `all`
// groups nest) and a list of actions; each item is `{ kind, config }`, checked against the registry of kinds.
import { z } from 'zod';
import './conditions.js';
import './actions.js';
import type { ExtraFacts, TicketFacts } from './facts.js';
import { type ActionPlan, actionKind, allActionKinds, allConditionKinds, conditionKind, GROUP_KINDS } from './kinds.js';
import type { Reference } from './refs.js';

/** As stored: database ids in configs. A group's config is `{ conditions: [StoredCondition] }`. */
export interface StoredCondition {
  kind: string;
  config: unknown;
}
export interface StoredAction {
  kind: string;
  config: unknown;
}

export interface RuleItemInput {
  kind: string;
  config?: unknown;
}

/** Bad input in a rule definition, with the field it is about (`input.actions.0.config.teamId`). */
export class RuleDefinitionError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_CONDITIONS = 50;
const MAX_ACTIONS = 20;
/** Groups in groups in groups is as deep as anyone can still read a rule. */
const MAX_GROUP_DEPTH = 3;

type Group = (typeof GROUP_KINDS)[number];
const isGroup = (kind: string): kind is Group => (GROUP_KINDS as readonly string[]).includes(kind);

const itemSchema = z.strictObject({ kind: z.string().max(100), config: z.unknown().optional() });
const groupSchema = z.strictObject({
  conditions: z.array(itemSchema).min(1, 'List at least one condition.').max(MAX_CONDITIONS, `At most ${MAX_CONDITIONS}.`),
});

const fieldOf = (base: string, path: readonly PropertyKey[]) => [base, ...path.map(String)].join('.');

function parseWith<T>(schema: z.ZodType<T, unknown>, value: unknown, field: string): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new RuleDefinitionError(fieldOf(field, issue?.path ?? []), issue?.message ?? 'Invalid config.');
}

export interface Parsed<Item> {
  items: Item[];
  /** With absolute fields (`input.conditions.0.config.productIds.1`). */
  references: Reference[];
}

/** Client input (global ids) → stored conditions; `field` is where the list sits in the input (`input.conditions`). */
export function parseConditions(inputs: readonly RuleItemInput[], field: string, depth = 0): Parsed<StoredCondition> {
  if (inputs.length > MAX_CONDITIONS) throw new RuleDefinitionError(field, `At most ${MAX_CONDITIONS} conditions.`);
  const items: StoredCondition[] = [];
  const references: Reference[] = [];
  inputs.forEach((input, index) => {
    const at = `${field}.${index}`;
    if (isGroup(input.kind)) {
      if (depth >= MAX_GROUP_DEPTH) throw new RuleDefinitionError(`${at}.kind`, `Groups nest at most ${MAX_GROUP_DEPTH} deep.`);
      const group = parseWith(groupSchema, input.config, `${at}.config`);
      const inner = parseConditions(group.conditions, `${at}.config.conditions`, depth + 1);
      items.push({ kind: input.kind, config: { conditions: inner.items } });
      references.push(...inner.references);
      return;
    }
    const kind = conditionKind(input.kind);
    if (!kind) {
      const known = [...GROUP_KINDS, ...allConditionKinds().map((entry) => entry.kind)].join(', ');
      throw new RuleDefinitionError(`${at}.kind`, `Unknown condition kind "${input.kind}". Known kinds: ${known}.`);
    }
    const config = parseWith(kind.config, input.config, `${at}.config`);
    items.push({ kind: kind.kind, config });
    for (const reference of kind.references?.(config) ?? []) references.push({ ...reference, path: `${at}.config.${reference.path}` });
  });
  return { items, references };
}

export function parseActions(inputs: readonly RuleItemInput[], field: string): Parsed<StoredAction> {
  if (inputs.length === 0) throw new RuleDefinitionError(field, 'List at least one action.');
  if (inputs.length > MAX_ACTIONS) throw new RuleDefinitionError(field, `At most ${MAX_ACTIONS} actions.`);
  const items: StoredAction[] = [];
  const references: Reference[] = [];
  inputs.forEach((input, index) => {
    const at = `${field}.${index}`;
    const kind = actionKind(input.kind);
    if (!kind) {
      const known = allActionKinds().map((entry) => entry.kind).join(', ');
      throw new RuleDefinitionError(`${at}.kind`, `Unknown action kind "${input.kind}". Known kinds: ${known}.`);
    }
    const config = parseWith(kind.config, input.config, `${at}.config`);
    items.push({ kind: kind.kind, config });
    for (const reference of kind.references?.(config) ?? []) references.push({ ...reference, path: `${at}.config.${reference.path}` });
  });
  return { items, references };
}

// ---------------------------------------------------------------- evaluation

const childrenOf = (condition: StoredCondition) => (condition.config as { conditions: StoredCondition[] }).conditions;

export interface ConditionResult {
  kind: string;
  config: unknown;
  matched: boolean;
  /** For groups, how each member fared. */
  conditions: ConditionResult[];
}

/** Every condition evaluated (no short cut), for people to see why a rule did or did not match. */
export function explainConditions(conditions: readonly StoredCondition[], facts: TicketFacts): ConditionResult[] {
  return conditions.map((condition) => {
    if (isGroup(condition.kind)) {
      const members = explainConditions(childrenOf(condition), facts);
      const matched = condition.kind === 'all' ? members.every((m) => m.matched) : members.some((m) => m.matched);
      return { kind: condition.kind, config: condition.config, matched, conditions: members };
    }
    return { kind: condition.kind, config: condition.config, matched: leafHolds(condition, facts), conditions: [] };
  });
}

function leafHolds(condition: StoredCondition, facts: TicketFacts): boolean {
  const kind = conditionKind(condition.kind);
  // A kind that is no longer registered, or a config it no longer understands, never matches: a broken rule must
  // not act, and must not stop the ticket change that triggered it either.
  if (!kind) return false;
  try {
    return kind.test(condition.config, facts);
  } catch {
    return false;
  }
}

export function conditionHolds(condition: StoredCondition, facts: TicketFacts): boolean {
  if (condition.kind === 'all') return childrenOf(condition).every((member) => conditionHolds(member, facts));
  if (condition.kind === 'any') return childrenOf(condition).some((member) => conditionHolds(member, facts));
  return leafHolds(condition, facts);
}

/** All conditions hold (no conditions: always). */
export const conditionsHold = (conditions: readonly StoredCondition[], facts: TicketFacts) =>
  conditions.every((condition) => conditionHolds(condition, facts));

/** The extra facts the conditions read (see `ExtraFacts`). */
export function factsNeeded(conditions: readonly StoredCondition[]): Set<keyof ExtraFacts> {
  const needed = new Set<keyof ExtraFacts>();
  for (const condition of conditions) {
    if (isGroup(condition.kind)) for (const name of factsNeeded(childrenOf(condition))) needed.add(name);
    else for (const name of conditionKind(condition.kind)?.needs ?? []) needed.add(name);
  }
  return needed;
}

/** What an action would do to the ticket as the facts describe it. */
export function planAction(action: StoredAction, facts: TicketFacts): ActionPlan {
  const kind = actionKind(action.kind);
  if (!kind) return { effect: 'none', summary: `Unknown action kind "${action.kind}": skipped.` };
  try {
    return kind.plan(action.config, facts);
  } catch {
    return { effect: 'none', summary: 'The action config is no longer valid: skipped.' };
  }
}

// ---------------------------------------------------------------- for the API

/** Stored → what clients see (global ids again). */
export function encodeCondition(condition: StoredCondition): StoredCondition {
  if (isGroup(condition.kind)) return { kind: condition.kind, config: { conditions: childrenOf(condition).map(encodeCondition) } };
  return { kind: condition.kind, config: encodeConfig(conditionKind(condition.kind)?.config, condition.config) };
}

export const encodeAction = (action: StoredAction): StoredAction => ({
  kind: action.kind,
  config: encodeConfig(actionKind(action.kind)?.config, action.config),
});

function encodeConfig(schema: z.ZodType | undefined, config: unknown) {
  if (!schema) return config;
  try {
    return z.encode(schema, config as never);
  } catch {
    return config;
  }
}

export interface KindDescription {
  kind: string;
  description: string;
}

export const conditionKindDescriptions = (): KindDescription[] => [
  { kind: 'all', description: 'Every condition in the group holds. Config: { conditions: [{ kind, config }] }.' },
  { kind: 'any', description: 'At least one condition in the group holds. Config: { conditions: [{ kind, config }] }.' },
  ...allConditionKinds().map(({ kind, description }) => ({ kind, description })),
];

export const actionKindDescriptions = (): KindDescription[] =>
  allActionKinds().map(({ kind, description }) => ({ kind, description }));
