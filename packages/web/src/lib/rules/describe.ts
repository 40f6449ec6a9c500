// A rule's conditions in one line for lists ("Priority: High · any of (Channel: E-mail, Tags: vip)") and its actions
// with what they set ("Set the priority: Urgent"), named with the picker choices; a kind this screen does not know is
// named as it is.
import { DateTime } from 'luxon';
import { ACTION_KINDS } from './actions';
import { type ConditionChoices, KINDS } from './conditions';

type Translate = (key: string, options?: { values: Record<string, string | number> }) => string;
interface Item {
  kind: string;
  config?: Record<string, unknown>;
}

const listOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

export function describeConditions(json: unknown, t: Translate, choices: ConditionChoices, zone: string): string {
  const items = Array.isArray(json) ? (json as Item[]) : [];
  if (items.length === 0) return t('slaSettings.always_');
  return items.map((item) => describeCondition(item, t, choices, zone)).join(' · ');
}

/** One condition in the condition builder's words ("Priority: High"). */
export function describeCondition(item: Item, t: Translate, choices: ConditionChoices, zone: string): string {
  const config = item.config ?? {};
  if (item.kind === 'any' || item.kind === 'all') {
    const list = (Array.isArray(config.conditions) ? (config.conditions as Item[]) : []).map((inner) => describeCondition(inner, t, choices, zone));
    return t(item.kind === 'any' ? 'conditions.summaryAnyOf' : 'conditions.summaryAllOf', { values: { list: list.join(', ') } });
  }
  const editor = KINDS[item.kind];
  if (!editor) return t('conditions.summaryUnknown', { values: { kind: item.kind } });
  const label = t(`conditions.kind.${item.kind}`);
  const nameIn = (list: { value: string; label: string }[]) => (id: string) => list.find((entry) => entry.value === id)?.label ?? id;
  const said = (text: string) => `${label}: ${text || t('conditions.summaryEmpty')}`;
  switch (editor.editor) {
    case 'enumList':
      return said(listOf(config[editor.field]).map((value) => t(`${editor.labels}.${value}`)).join(', '));
    case 'idList':
      return said(listOf(config[editor.field]).map(nameIn(choices[editor.source])).join(', '));
    case 'tags':
      return said(`${t(config.match === 'ALL' ? 'conditions.tagAll' : 'conditions.tagAny')}: ${listOf(config.tagIds).map(nameIn(choices.tags)).join(', ')}`);
    case 'text':
      return said(`“${String(config[editor.field] ?? '')}”`);
    case 'textList':
      return said(listOf(config[editor.field]).join(', '));
    case 'assignee': {
      const is = String(config.is);
      const who = is === 'TEAM' && config.teamId ? `: ${nameIn(choices.teams)(String(config.teamId))}` : '';
      return said(`${t(`conditions.assigneeIs.${is}`)}${who}`);
    }
    case 'moment': {
      const at = (iso: unknown) => DateTime.fromISO(String(iso), { zone }).toFormat('yyyy-MM-dd HH:mm');
      const parts = [
        config.olderThanMinutes != null ? `≥ ${config.olderThanMinutes} min` : null,
        config.newerThanMinutes != null ? `< ${config.newerThanMinutes} min` : null,
        config.after ? `> ${at(config.after)}` : null,
        config.before ? `< ${at(config.before)}` : null,
      ];
      return said(parts.filter(Boolean).join(', '));
    }
    case 'businessHours':
      return said(t(config.state === 'CLOSED' ? 'conditions.closed' : 'conditions.open'));
    case 'fieldChanged':
      return said(
        listOf(config.fields)
          .map((field) => (field.startsWith('customField:') ? field.slice('customField:'.length) : t(`conditions.changeable.${field}`)))
          .join(', '),
      );
    case 'customField': {
      const field = choices.fields.find((entry) => entry.key === config.key);
      const value = config.value === undefined ? '' : ` ${typeof config.value === 'boolean' ? t(config.value ? 'conditions.yes' : 'conditions.no') : String(config.value)}`;
      return `${field?.name ?? String(config.key)} ${t(`conditions.operators.${String(config.operator)}`)}${value}`;
    }
  }
}

const REPLY_PREVIEW = 80;

/** One action with what it sets ("Set the priority: Urgent", "Add tags: vip"); `userName` names an assignUser's user. */
export function describeAction(item: Item, t: Translate, choices: ConditionChoices, userName: (id: string) => string | undefined = () => undefined): string {
  const editor = ACTION_KINDS[item.kind];
  if (!editor) return t('conditions.summaryUnknown', { values: { kind: item.kind } });
  const label = t(`actions.kind.${item.kind}`);
  const config = item.config ?? {};
  const nameIn = (list: { value: string; label: string }[]) => (id: string) => list.find((entry) => entry.value === id)?.label ?? id;
  const said = (text: string) => `${label}: ${text || t('conditions.summaryEmpty')}`;
  switch (editor.editor) {
    case 'user': {
      const id = String(config[editor.field] ?? '');
      return said(userName(id) ?? id);
    }
    case 'pick':
      return said(nameIn(choices[editor.source])(String(config[editor.field] ?? '')));
    case 'enum':
      return said(config[editor.field] ? t(`${editor.labels}.${String(config[editor.field])}`) : '');
    case 'idList':
      return said(listOf(config[editor.field]).map(nameIn(choices[editor.source])).join(', '));
    case 'body': {
      const body = String(config.body ?? '').trim();
      return said(`“${body.length > REPLY_PREVIEW ? `${body.slice(0, REPLY_PREVIEW - 1)}…` : body}”`);
    }
    case 'none':
      return label;
  }
}
