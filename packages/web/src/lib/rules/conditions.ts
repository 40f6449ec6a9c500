// Rule conditions as the condition builder edits them (no Svelte): the kinds the server knows for ticket and SLA
// rules (src/rules/conditions.ts and src/ticket-fields/conditions.ts there), the config each starts with, and the
// way between the API's JSON (`[{ kind, config }]`, `any` / `all` groups) and the builder's editable tree.
// A kind this list does not know is kept as the server sent it, so saving never loses it.

export const CHANNELS = [
  'EMAIL',
  'WEB_FORM',
  'IN_APP',
  'LIVE_CHAT',
  'PHONE',
  'WHATSAPP',
  'FACEBOOK',
  'INSTAGRAM',
  'TWITTER',
  'APP_STORE',
  'GOOGLE_PLAY',
  'HUAWEI_APPGALLERY',
  'INTERNAL',
] as const;
export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export const STATUS_CATEGORIES = ['NEW', 'OPEN', 'PENDING', 'RESOLVED', 'CLOSED'] as const;
export const PRESENCE_STATUSES = ['ONLINE', 'BREAK', 'INVISIBLE', 'OFFLINE'] as const;
export const RULE_TRIGGERS = ['TICKET_CREATED', 'TICKET_UPDATED'] as const;
export const MESSAGE_AUTHORS = ['CUSTOMER', 'AGENT', 'SYSTEM'] as const;
/** History field names `fieldChanged` accepts (besides `customField:<key>`). */
export const CHANGEABLE_FIELDS = ['subject', 'status', 'priority', 'type', 'topic', 'folder', 'assignee', 'tags', 'reply', 'note', 'merge', 'customerMessage'] as const;

export const FIELD_OPERATORS = ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'GREATER_THAN', 'LESS_THAN', 'IS_SET', 'IS_NOT_SET'] as const;
export type FieldOperator = (typeof FIELD_OPERATORS)[number];
export type TicketFieldType = 'TEXT' | 'NUMBER' | 'CHECKBOX' | 'DROPDOWN' | 'DATE';
/** What the server accepts per field type (its OPERATORS_OF_TYPE). */
export const OPERATORS_OF_TYPE: Record<TicketFieldType, readonly FieldOperator[]> = {
  TEXT: ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'IS_SET', 'IS_NOT_SET'],
  NUMBER: ['EQUALS', 'NOT_EQUALS', 'GREATER_THAN', 'LESS_THAN', 'IS_SET', 'IS_NOT_SET'],
  CHECKBOX: ['EQUALS', 'NOT_EQUALS', 'IS_SET', 'IS_NOT_SET'],
  DROPDOWN: ['EQUALS', 'NOT_EQUALS', 'IS_SET', 'IS_NOT_SET'],
  DATE: ['EQUALS', 'NOT_EQUALS', 'GREATER_THAN', 'LESS_THAN', 'IS_SET', 'IS_NOT_SET'],
};
export const takesValue = (operator: string) => operator !== 'IS_SET' && operator !== 'IS_NOT_SET';

/** The pickers that load their choices from the API. */
export type IdSource = 'products' | 'types' | 'topics' | 'teams' | 'tags' | 'statuses' | 'folders';

export interface CustomFieldChoice {
  key: string;
  name: string;
  type: TicketFieldType;
  options: string[];
}

export interface CalendarChoice extends CalendarHours {
  id: string;
  name: string;
}

/** What the rule editors' pickers offer, loaded once from the API. */
export interface ConditionChoices extends Record<IdSource, { value: string; label: string }[]> {
  fields: CustomFieldChoice[];
  calendars: CalendarChoice[];
}

/** How a kind is edited; `field` is the config key that holds the list or text. */
export type KindEditor =
  | { editor: 'enumList'; field: string; values: readonly string[]; labels: string }
  | { editor: 'idList'; field: string; source: IdSource }
  | { editor: 'tags' }
  | { editor: 'text'; field: string }
  | { editor: 'textList'; field: string }
  | { editor: 'assignee' }
  | { editor: 'businessHours' }
  | { editor: 'moment' }
  | { editor: 'fieldChanged' }
  | { editor: 'customField' };

/** Every condition kind the server has, in the order the kind menu offers them. Labels: `conditions.kind.<kind>`. */
export const KINDS: Record<string, KindEditor> = {
  priority: { editor: 'enumList', field: 'priorities', values: PRIORITIES, labels: 'enums.priority' },
  channel: { editor: 'enumList', field: 'channels', values: CHANNELS, labels: 'enums.channel' },
  product: { editor: 'idList', field: 'productIds', source: 'products' },
  statusCategory: { editor: 'enumList', field: 'categories', values: STATUS_CATEGORIES, labels: 'enums.category' },
  type: { editor: 'idList', field: 'typeIds', source: 'types' },
  topic: { editor: 'idList', field: 'topicIds', source: 'topics' },
  tags: { editor: 'tags' },
  customField: { editor: 'customField' },
  assignee: { editor: 'assignee' },
  team: { editor: 'idList', field: 'teamIds', source: 'teams' },
  assigneePresence: { editor: 'enumList', field: 'statuses', values: PRESENCE_STATUSES, labels: 'conditions.presence' },
  subjectContains: { editor: 'text', field: 'text' },
  descriptionContains: { editor: 'text', field: 'text' },
  customerEmailDomain: { editor: 'textList', field: 'domains' },
  customerGroup: { editor: 'textList', field: 'groups' },
  lastMessageBy: { editor: 'enumList', field: 'authors', values: MESSAGE_AUTHORS, labels: 'conditions.author' },
  createdAt: { editor: 'moment' },
  updatedAt: { editor: 'moment' },
  businessHours: { editor: 'businessHours' },
  trigger: { editor: 'enumList', field: 'triggers', values: RULE_TRIGGERS, labels: 'conditions.trigger' },
  fieldChanged: { editor: 'fieldChanged' },
};
export const KNOWN_KINDS = Object.keys(KINDS);

// Configs are JSON the server checks; the builder edits them in place.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Config = Record<string, any>;

export interface CalendarHours {
  timeZone: string;
  weeklyHours: { day: string; start: string; end: string }[];
  holidays: { name: string; start: string; end: string; yearly: boolean }[];
}

/** The config a new condition of `kind` starts with; `hours` seeds a business-hours condition. */
export function emptyConfig(kind: string, hours: CalendarHours): Config {
  const editor = KINDS[kind];
  switch (editor?.editor) {
    case 'enumList':
    case 'idList':
    case 'textList':
      return { [editor.field]: [] };
    case 'tags':
      return { match: 'ANY', tagIds: [] };
    case 'text':
      return { [editor.field]: '' };
    case 'assignee':
      return { is: 'UNASSIGNED' };
    case 'businessHours':
      return { state: 'OPEN', calendar: { timeZone: hours.timeZone, weeklyHours: jsonCopy(hours.weeklyHours), holidays: jsonCopy(hours.holidays) } };
    case 'moment':
      return { olderThanMinutes: 60 };
    case 'fieldChanged':
      return { fields: [] };
    case 'customField':
      return { key: '', operator: 'EQUALS', value: '' };
    default:
      return {};
  }
}

// ---------------------------------------------------------------- the editable tree

export type GroupKind = 'all' | 'any';
export interface LeafDraft {
  uid: number;
  kind: string;
  config: Config;
}
export interface GroupDraft {
  uid: number;
  kind: GroupKind;
  conditions: LeafDraft[];
}
export type ConditionDraft = LeafDraft | GroupDraft;
/** The whole list: `all` = every condition holds (the API's plain list); `any` = one does (one `any` group). */
export interface ConditionsDraft {
  match: GroupKind;
  conditions: ConditionDraft[];
}

/** A deep copy of JSON; unlike structuredClone it also copies Svelte state proxies. */
export const jsonCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

let nextUid = 1;
export const newUid = () => nextUid++;

export const isGroup = (draft: ConditionDraft): draft is GroupDraft => draft.kind === 'all' || draft.kind === 'any';

interface ApiCondition {
  kind: string;
  config?: unknown;
}

const asList = (json: unknown): ApiCondition[] =>
  Array.isArray(json) ? json.filter((item): item is ApiCondition => !!item && typeof item === 'object' && typeof item.kind === 'string') : [];
const childrenOf = (condition: ApiCondition) => asList((condition.config as { conditions?: unknown } | undefined)?.conditions);
const isGroupKind = (kind: string): kind is GroupKind => kind === 'all' || kind === 'any';

// A group inside a group is deeper than the builder shows: it stays a leaf whose kind the editors do not know, so it
// is shown as JSON and saved as it came.
const leafOf = (condition: ApiCondition): LeafDraft => ({
  uid: newUid(),
  kind: condition.kind,
  config: jsonCopy((condition.config ?? {}) as Config),
});

function draftOf(condition: ApiCondition): ConditionDraft {
  if (isGroupKind(condition.kind)) return { uid: newUid(), kind: condition.kind, conditions: childrenOf(condition).map(leafOf) };
  return leafOf(condition);
}

/** The API's conditions → the builder's tree. A single top-level `any` group reads as "any of" the list. */
export function draftOfConditions(json: unknown): ConditionsDraft {
  const list = asList(json);
  if (list.length === 1 && list[0].kind === 'any') return { match: 'any', conditions: childrenOf(list[0]).map(draftOf) };
  return { match: 'all', conditions: list.map(draftOf) };
}

/** A leaf's config as the API takes it: only what its kind uses, so a hidden input never leaks into the rule. */
function configOf(leaf: LeafDraft): Config {
  const config = jsonCopy(leaf.config);
  // An empty number box is null: no value, which the server answers with "needs a value" at the value.
  if (leaf.kind === 'customField' && (!takesValue(config.operator) || config.value === null)) delete config.value;
  if (KINDS[leaf.kind]?.editor === 'moment') {
    for (const key of ['olderThanMinutes', 'newerThanMinutes', 'after', 'before']) {
      if (config[key] === null || config[key] === '' || config[key] === undefined) delete config[key];
    }
  }
  if (leaf.kind === 'assignee') {
    if (config.is !== 'USER') delete config.userId;
    if (config.is !== 'TEAM') delete config.teamId;
    if (!config.userId) delete config.userId;
    if (!config.teamId) delete config.teamId;
  }
  return config;
}

function apiOf(draft: ConditionDraft): ApiCondition {
  if (isGroup(draft)) return { kind: draft.kind, config: { conditions: draft.conditions.map(apiOf) } };
  return { kind: draft.kind, config: configOf(draft) };
}

/** The builder's tree → the API's conditions (an empty "any of" is no condition at all). */
export function conditionsOfDraft(draft: ConditionsDraft): ApiCondition[] {
  const list = draft.conditions.map(apiOf);
  if (draft.match === 'any' && list.length > 0) return [{ kind: 'any', config: { conditions: list } }];
  return list;
}

/** Where a condition sits in the API input, for matching the server's error field (`input.conditions.0.config…`). */
export function pathOf(base: string, match: GroupKind, index: number, inner?: number) {
  const top = match === 'any' ? `${base}.0.config.conditions.${index}` : `${base}.${index}`;
  return inner === undefined ? top : `${top}.config.conditions.${inner}`;
}
