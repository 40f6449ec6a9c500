// The built-in action kinds (pure): each says what it would do to the ticket as it is now. Nothing here writes;
// the rule service carries the plans out through the ticket core, so validation and history are the ticket's own.
import { z } from 'zod';
import { renderCannedResponse, unknownPlaceholderMessage, unknownPlaceholders } from '../canned/render.js';
import { storableText } from '../schema/inputs.js';
import { PRIORITIES } from './facts.js';
import { registerActionKind } from './kinds.js';
import { ref, referencesOf, refList } from './refs.js';

registerActionKind({
  kind: 'assignUser',
  description: "Assign the ticket to a user (one allowed on the ticket's product). Config: { userId: ID }.",
  config: z.strictObject({ userId: ref('User') }),
  references: (config) => [{ typename: 'User', id: config.userId, path: 'userId' }],
  plan: (config, { ticket }) =>
    ticket.assigneeUserId === config.userId
      ? { effect: 'none', summary: 'Already assigned to this user.' }
      : { effect: 'change', changes: { assignee: { kind: 'USER', id: config.userId } }, summary: 'Assign to the user.' },
});

registerActionKind({
  kind: 'assignTeam',
  description: "Assign the ticket to a team (one allowed on the ticket's product). Config: { teamId: ID }.",
  config: z.strictObject({ teamId: ref('Team') }),
  references: (config) => [{ typename: 'Team', id: config.teamId, path: 'teamId' }],
  plan: (config, { ticket }) =>
    ticket.assigneeTeamId === config.teamId
      ? { effect: 'none', summary: 'Already assigned to this team.' }
      : { effect: 'change', changes: { assignee: { kind: 'TEAM', id: config.teamId } }, summary: 'Assign to the team.' },
});

registerActionKind({
  kind: 'roundRobin',
  description:
    "Assign the ticket to the team's active member who was assigned a ticket least recently (members allowed on the " +
    "ticket's product only). Config: { teamId: ID }.",
  config: z.strictObject({ teamId: ref('Team') }),
  references: (config) => [{ typename: 'Team', id: config.teamId, path: 'teamId' }],
  plan: (config) => ({
    effect: 'roundRobin',
    teamId: config.teamId,
    summary: "Assign to the team's least recently assigned active member.",
  }),
});

registerActionKind({
  kind: 'setPriority',
  description: 'Set the priority. Config: { priority: Priority }.',
  config: z.strictObject({ priority: z.enum(PRIORITIES) }),
  plan: (config, { ticket }) =>
    ticket.priority === config.priority
      ? { effect: 'none', summary: `Priority is already ${config.priority}.` }
      : { effect: 'change', changes: { priority: config.priority }, summary: `Set priority to ${config.priority}.` },
});

registerActionKind({
  kind: 'setType',
  description: 'Set the ticket type. Config: { typeId: ID }.',
  config: z.strictObject({ typeId: ref('TicketType') }),
  references: (config) => [{ typename: 'TicketType', id: config.typeId, path: 'typeId' }],
  plan: (config, { ticket }) =>
    ticket.typeId === config.typeId
      ? { effect: 'none', summary: 'The ticket already has this type.' }
      : { effect: 'change', changes: { typeId: config.typeId }, summary: 'Set the type.' },
});

registerActionKind({
  kind: 'setStatus',
  description: 'Move the ticket to a status. Config: { statusId: ID }.',
  config: z.strictObject({ statusId: ref('TicketStatus') }),
  references: (config) => [{ typename: 'TicketStatus', id: config.statusId, path: 'statusId' }],
  plan: (config, { ticket }) =>
    ticket.statusId === config.statusId
      ? { effect: 'none', summary: 'The ticket already has this status.' }
      : { effect: 'change', changes: { statusId: config.statusId }, summary: 'Set the status.' },
});

registerActionKind({
  kind: 'setFolder',
  description: 'File the ticket into a folder. Config: { folderId: ID }.',
  config: z.strictObject({ folderId: ref('Folder') }),
  references: (config) => [{ typename: 'Folder', id: config.folderId, path: 'folderId' }],
  plan: (config, { ticket }) =>
    ticket.folderId === config.folderId
      ? { effect: 'none', summary: 'The ticket is already in this folder.' }
      : { effect: 'change', changes: { folderId: config.folderId }, summary: 'File into the folder.' },
});

registerActionKind({
  kind: 'addTags',
  description: 'Add tags (existing tags of the workspace). Config: { tagIds: [ID] }.',
  config: z.strictObject({ tagIds: refList('Tag') }),
  references: (config) => referencesOf('Tag', config.tagIds, 'tagIds'),
  plan: (config, { ticket }) => {
    const missing = [...new Set(config.tagIds)].filter((id) => !ticket.tagIds.includes(id));
    return missing.length === 0
      ? { effect: 'none', summary: 'The ticket already has these tags.' }
      : { effect: 'change', changes: { addTagIds: missing }, summary: `Add ${missing.length} tag(s).` };
  },
});

// The placeholders of canned responses, except {{agent.name}}: an automatic reply has no agent.
const replyBodyRule = z
  .string()
  .refine((body) => body.trim().length > 0, 'Must not be empty.')
  .refine((body) => body.length <= 50_000, 'At most 50,000 characters.')
  .refine(storableText, 'Must not contain NUL characters.')
  .superRefine((body, ctx) => {
    const unknown = unknownPlaceholders(body);
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: unknownPlaceholderMessage(unknown) });
    else if (/\{\{\s*agent\.name\s*\}\}/.test(body)) {
      ctx.addIssue({ code: 'custom', message: 'An automatic reply is sent by no agent: {{agent.name}} cannot be used here.' });
    }
  });

registerActionKind({
  kind: 'sendAutoReply',
  description:
    'Send the customer a public message from the system (by e-mail where replies go by e-mail). ' +
    'Placeholders as in canned responses ({{customer.name}}, {{customer.firstName}}, {{ticket.number}}, ' +
    '{{ticket.subject}}) are filled in. Config: { body: String }.',
  config: z.strictObject({ body: replyBodyRule }),
  plan: (config, { ticket }) => ({
    effect: 'reply',
    body: renderCannedResponse(config.body, { customer: ticket.customer, agent: { name: '' }, ticket }),
    summary: 'Send an automatic reply to the customer.',
  }),
});

registerActionKind({
  kind: 'stopOtherRules',
  description: "Rules after this one do not run for this change (this rule's own actions all still apply). Config: {}.",
  config: z.strictObject({}),
  plan: () => ({ effect: 'stopOtherRules', summary: 'Stop the rules after this one.' }),
});
