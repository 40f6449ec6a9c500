// The action kind of SLA rules (pure): `setSlaPolicy` names the policy a matching rule gives the ticket (null = no
// SLA). It changes nothing through the ticket core: the SLA hook (src/sla/recompute.ts) reads its config directly.
import { z } from 'zod';
import { registerActionKind } from '../rules/kinds.js';
import { ref } from '../rules/refs.js';

export interface SetSlaPolicyConfig {
  /** Database id of the policy; null = the ticket has no SLA. */
  policyId: string | null;
}

registerActionKind({
  kind: 'setSlaPolicy',
  description: 'SLA rules only: the ticket gets this SLA policy (null = no SLA). Config: { policyId: ID | null }.',
  config: z.strictObject({ policyId: ref('SlaPolicy').nullable() }),
  references: (config) => (config.policyId ? [{ typename: 'SlaPolicy', id: config.policyId, path: 'policyId' }] : []),
  plan: (config) => ({
    effect: 'none',
    summary: config.policyId ? 'Chooses the SLA policy (applied by the SLA clocks).' : 'Chooses no SLA policy.',
  }),
});

/** The actions an SLA rule is stored with: the policy it sets, then stopOtherRules when asked. */
export function slaRuleActions(policyId: string | null, stopOtherRules: boolean) {
  return [
    { kind: 'setSlaPolicy', config: { policyId } satisfies SetSlaPolicyConfig },
    ...(stopOtherRules ? [{ kind: 'stopOtherRules', config: {} }] : []),
  ];
}

/** The policy an SLA rule's stored actions set; undefined when they set none (a rule written by hand, broken). */
export function policyIdOfActions(actions: unknown): string | null | undefined {
  if (!Array.isArray(actions)) return undefined;
  const action = actions.find((item): item is { kind: string; config?: { policyId?: unknown } } => item?.kind === 'setSlaPolicy');
  if (!action) return undefined;
  const policyId = action.config?.policyId;
  return typeof policyId === 'string' ? policyId : null;
}
