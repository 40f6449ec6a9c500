// Ticket rule actions as the rule screen edits them (no Svelte): the kinds the server has (src/rules/actions.ts
// there; `setSlaPolicy` belongs to SLA rules), the config each starts with, and their config as the API takes it.
// A kind this list does not know is kept as the server sent it.
import { type Config, type IdSource, jsonCopy, newUid, PRIORITIES } from './conditions';

export type ActionEditor =
  | { editor: 'user'; field: string }
  | { editor: 'pick'; field: string; source: IdSource }
  | { editor: 'enum'; field: string; values: readonly string[]; labels: string }
  | { editor: 'idList'; field: string; source: IdSource }
  | { editor: 'body' }
  | { editor: 'none' };

/** Labels: `actions.kind.<kind>`. */
export const ACTION_KINDS: Record<string, ActionEditor> = {
  assignUser: { editor: 'user', field: 'userId' },
  assignTeam: { editor: 'pick', field: 'teamId', source: 'teams' },
  roundRobin: { editor: 'pick', field: 'teamId', source: 'teams' },
  setPriority: { editor: 'enum', field: 'priority', values: PRIORITIES, labels: 'enums.priority' },
  setType: { editor: 'pick', field: 'typeId', source: 'types' },
  setStatus: { editor: 'pick', field: 'statusId', source: 'statuses' },
  setFolder: { editor: 'pick', field: 'folderId', source: 'folders' },
  addTags: { editor: 'idList', field: 'tagIds', source: 'tags' },
  sendAutoReply: { editor: 'body' },
  stopOtherRules: { editor: 'none' },
};
export const KNOWN_ACTIONS = Object.keys(ACTION_KINDS);

export interface ActionDraft {
  uid: number;
  kind: string;
  config: Config;
}

export function emptyActionConfig(kind: string): Config {
  const editor = ACTION_KINDS[kind];
  switch (editor?.editor) {
    case 'idList':
      return { [editor.field]: [] };
    case 'enum':
      return { [editor.field]: editor.values[0] };
    case 'user':
    case 'pick':
      return { [editor.field]: '' };
    case 'body':
      return { body: '' };
    default:
      return {};
  }
}

export const newAction = (kind: string): ActionDraft => ({ uid: newUid(), kind, config: emptyActionConfig(kind) });

export function draftOfActions(json: unknown): ActionDraft[] {
  const list = Array.isArray(json) ? json.filter((item): item is { kind: string; config?: unknown } => typeof item?.kind === 'string') : [];
  return list.map((item) => ({ uid: newUid(), kind: item.kind, config: jsonCopy((item.config ?? {}) as Config) }));
}

export const actionsOfDraft = (drafts: ActionDraft[]) => drafts.map((draft) => ({ kind: draft.kind, config: jsonCopy(draft.config) }));
