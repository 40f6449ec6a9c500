// Checks of a condition's config against the workspace's data, run when a rule (ticket or SLA) is saved: what a
// zod schema cannot know, such as whether a custom field with this key exists and what type its values have. A
// domain registers one for its condition kind; the rule services run them on every saved definition.
import type { Tx } from '../events/write.js';
import type { StoredCondition } from './evaluate.js';

/** Throws a typed error (BAD_USER_INPUT on `at.…`) when the config does not fit the workspace. */
export type ConditionCheck = (tx: Tx, workspaceId: string, config: unknown, at: string) => Promise<void>;

const checks = new Map<string, ConditionCheck>();

export function registerConditionCheck(kind: string, check: ConditionCheck) {
  if (checks.has(kind)) throw new Error(`condition check for ${kind} is registered twice`);
  checks.set(kind, check);
}

/** Runs the checks of every condition (groups included); `field` is where the list sits (`input.conditions`). */
export async function assertConditionChecks(tx: Tx, workspaceId: string, conditions: readonly StoredCondition[], field: string) {
  for (const [index, condition] of conditions.entries()) {
    const at = `${field}.${index}`;
    if (condition.kind === 'all' || condition.kind === 'any') {
      await assertConditionChecks(tx, workspaceId, (condition.config as { conditions: StoredCondition[] }).conditions, `${at}.config.conditions`);
      continue;
    }
    await checks.get(condition.kind)?.(tx, workspaceId, condition.config, `${at}.config`);
  }
}
