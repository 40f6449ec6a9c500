// The registry of condition and action kinds (pure). The engine knows no kind by name: each kind brings the zod
// schema of its config, and a pure test (conditions) or plan (actions) over the ticket's facts. Other domains add
// kinds by calling `registerConditionKind` / `registerActionKind` from their own module (the SLA rules do).
import type { z } from 'zod';
// Type only: an action's ticket changes are exactly what the ticket core accepts (and records in history).
import type { TicketChanges } from '../tickets/service.js';
import type { ExtraFacts, TicketFacts } from './facts.js';
import type { Reference } from './refs.js';

/** A config schema: parses what clients send (global ids) into what is stored (database ids), and encodes back. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ConfigSchema<Config> = z.ZodType<Config, any>;

export interface ConditionKind<Config = unknown> {
  kind: string;
  /** For people building rules: what it checks and the shape of its config. */
  description: string;
  config: ConfigSchema<Config>;
  /** Ids in the config that must belong to the rule's workspace. */
  references?(config: Config): Reference[];
  /** Facts beyond the ticket snapshot it reads (see `ExtraFacts`). */
  needs?: (keyof ExtraFacts)[];
  test(config: Config, facts: TicketFacts): boolean;
}

/** What an action would do to the ticket as it is now; the rule service carries it out through the ticket core. */
export type ActionPlan =
  | { effect: 'none'; summary: string }
  | { effect: 'change'; changes: TicketChanges; summary: string }
  | { effect: 'roundRobin'; teamId: string; summary: string }
  | { effect: 'reply'; body: string; summary: string }
  | { effect: 'stopOtherRules'; summary: string };

export interface ActionKind<Config = unknown> {
  kind: string;
  description: string;
  config: ConfigSchema<Config>;
  references?(config: Config): Reference[];
  plan(config: Config, facts: TicketFacts): ActionPlan;
}

const conditionKinds = new Map<string, ConditionKind>();
const actionKinds = new Map<string, ActionKind>();

/** Names the engine keeps for itself: condition groups. */
export const GROUP_KINDS = ['all', 'any'] as const;

export function registerConditionKind<Config>(kind: ConditionKind<Config>) {
  if (conditionKinds.has(kind.kind) || (GROUP_KINDS as readonly string[]).includes(kind.kind)) {
    throw new Error(`condition kind ${kind.kind} is registered twice`);
  }
  conditionKinds.set(kind.kind, kind as ConditionKind);
}

export function registerActionKind<Config>(kind: ActionKind<Config>) {
  if (actionKinds.has(kind.kind)) throw new Error(`action kind ${kind.kind} is registered twice`);
  actionKinds.set(kind.kind, kind as ActionKind);
}

export const conditionKind = (kind: string) => conditionKinds.get(kind);
export const actionKind = (kind: string) => actionKinds.get(kind);
export const allConditionKinds = () => [...conditionKinds.values()];
export const allActionKinds = () => [...actionKinds.values()];
