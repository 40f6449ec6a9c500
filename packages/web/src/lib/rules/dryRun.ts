// The "Test on a ticket" dry run as the rule screen reads it (no Svelte): the ticket number the admin typed, and what
// each action of the `testRule` answer would do, in the admin's language (the server's summaries are English).
import { localizedServerMessage } from './serverMessages';

type Translate = (key: string, options?: { values: Record<string, string | number> }) => string;

const LARGEST_INT = 2 ** 31 - 1;

/** "1042", "#1042" or " # 1042 " → 1042; anything else (words, 0, beyond a GraphQL Int) → null. */
export function parseTicketNumber(text: string): number | null {
  const digits = text.trim().match(/^#?\s*(\d{1,10})$/)?.[1];
  if (!digits) return null;
  const number = Number(digits);
  return number >= 1 && number <= LARGEST_INT ? number : null;
}

export type ActionOutcomeState = 'applies' | 'noChange' | 'skipped' | 'notRun';

export interface ActionOutcome {
  state: ActionOutcomeState;
  /** Why, or what exactly (the member round robin would pick), in the admin's language; null when nothing to add. */
  detail: string | null;
}

export function actionOutcome(
  action: { kind: string; wouldApply: boolean; problem?: string | null; pickedUser?: { name: string } | null },
  ruleMatched: boolean,
  t: Translate,
): ActionOutcome {
  if (!ruleMatched) return { state: 'notRun', detail: t('ruleTest.notRunWhy') };
  if (action.problem) return { state: 'skipped', detail: localizedServerMessage(action.problem, t) };
  if (!action.wouldApply) return { state: 'noChange', detail: t('ruleTest.noChangeWhy') };
  // Round robin's pick depends on who was assigned last: worth saying. (assignUser's user is in its description.)
  const picked = action.kind === 'roundRobin' ? action.pickedUser?.name : undefined;
  return { state: 'applies', detail: picked ? t('ruleTest.nextInTurn', { values: { name: picked } }) : null };
}
