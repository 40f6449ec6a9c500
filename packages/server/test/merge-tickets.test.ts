// An agent merges a duplicate ticket into the one the conversation continues on: the messages move over, both
// tickets say what happened, and the merged ticket is closed for good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, PASSWORD, rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';

let t: TestApp;
let acme: Workspace;
let productId: string;
let agent: { id: string; token: string };
let tagIds: Record<string, string>;
let statuses: Record<string, string>;

const MERGE = `mutation($i: MergeTicketsInput!) {
  mergeTickets(input: $i) {
    sourceTicket { id number status { name category } closedAt mergedInto { id } messages { edges { node { body visibility } } } }
    targetTicket {
      id number tags { name } mergedTickets { id } lastMessageAt attachments { fileName }
      messages { edges { node { body visibility createdAt authorKind } } }
    }
  }
}`;
const merge = (sourceTicketId: string, targetTicketId: string, token = agent.token) =>
  t.gql(MERGE, { i: { sourceTicketId, targetTicketId } }, token);
const MERGE_MANY = `mutation($i: MergeTicketsInput!) {
  mergeTickets(input: $i) {
    sourceTicket { id }
    sourceTickets { id status { category } closedAt mergedInto { id } messages { edges { node { body visibility } } } }
    targetTicket { id tags { name } mergedTickets { id } messages { edges { node { body } } } }
  }
}`;
const mergeMany = (sourceTicketIds: string[], targetTicketId: string, token = agent.token) =>
  t.gql(MERGE_MANY, { i: { sourceTicketIds, targetTicketId } }, token);

/** What a refused merge must leave as it was: each ticket's status, merge link and messages, read through the API. */
const stateOf = async (ids: string[]) => {
  const result = await t.gql(
    `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Ticket { id status { name } mergedInto { id } tags { name } messages { edges { node { body } } } } } }`,
    { ids },
    agent.token,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.nodes;
};

async function ticket(fields: Record<string, unknown> = {}, token = agent.token) {
  const result = await t.gql(
    `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id number } }`,
    { input: { productId, customer: { name: 'Customer', email: uniqueEmail('customer') }, ...fields } },
    token,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.createTicket as { id: string; number: number };
}

const reply = async (ticketId: string, body: string) => {
  const result = await t.gql(`mutation($i: ReplyToTicketInput!) { replyToTicket(input: $i) { message { id createdAt } } }`, { i: { ticketId, body } }, agent.token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.replyToTicket.message as { id: string; createdAt: string };
};

const historyFields = async (id: string) => {
  const result = await t.gql(`query($id: ID!) { node(id: $id) { ... on Ticket { history { edges { node { field toValue } } } } } }`, { id }, agent.token);
  return result.data!.node.history.edges.map((edge: any) => edge.node) as { field: string; toValue: any }[];
};

beforeAll(async () => {
  t = await startTestApp();
  acme = await t.signUp('Acme');
  productId = (await t.gql(`mutation { createProduct(input: { name: "Acme Shop" }) { id } }`, {}, acme.token)).data!.createProduct.id;
  const email = uniqueEmail('agent');
  const created = await t.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name: 'Ali Agent', role: 'AGENT', password: PASSWORD } }, acme.token);
  const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD });
  agent = { id: created.data!.createUser.id, token: login.data!.login.token };
  tagIds = {};
  for (const name of ['vip', 'refund', 'billing']) {
    tagIds[name] = (await t.gql(`mutation($n: String!) { createTag(input: { name: $n }) { id } }`, { n: name }, acme.token)).data!.createTag.id;
  }
  const list = await t.gql(`{ ticketStatuses { id name } }`, {}, acme.token);
  statuses = Object.fromEntries(list.data!.ticketStatuses.map((s: { id: string; name: string }) => [s.name, s.id]));
});
afterAll(() => t.stop());

describe('merging a ticket into another', () => {
  it('moves the messages with their times and the attachments, joins the tags and notes the merge on both tickets', async () => {
    const target = await ticket({ description: 'First call: parcel missing.', tagIds: [tagIds.vip, tagIds.billing] });
    const source = await ticket({ description: 'Second call, same parcel.', tagIds: [tagIds.refund, tagIds.vip] });
    const sourceReply = await reply(source.id, 'We are looking for your parcel.');
    // Attachment uploads are not in the API yet; a stored attachment row stands in for one.
    await t.app.services.db.prisma.attachment.create({
      data: { workspaceId: rawId(acme.workspaceId), ticketId: rawId(source.id), fileName: 'receipt.pdf', contentType: 'application/pdf', size: 1234, sha256: 'x'.repeat(64), storageKey: 'test/receipt.pdf' },
    });

    const lastOf = async (id: string) =>
      (await t.gql(`query($id: ID!) { node(id: $id) { ... on Ticket { lastMessageAt } } }`, { id }, agent.token)).data!.node.lastMessageAt;
    const sourceLastMessageAt = await lastOf(source.id);
    expect(sourceLastMessageAt).not.toBeNull();

    const result = await merge(source.id, target.id);
    expect(result.errors).toBeUndefined();
    const { sourceTicket, targetTicket } = result.data!.mergeTickets;
    const note = `Merged #${source.number} into #${target.number}`;

    expect(sourceTicket).toMatchObject({ id: source.id, status: { name: 'Closed', category: 'CLOSED' }, mergedInto: { id: target.id } });
    expect(sourceTicket.closedAt).not.toBeNull();
    expect(sourceTicket.messages.edges.map((edge: any) => edge.node)).toEqual([{ body: note, visibility: 'PRIVATE' }]);

    const messages = targetTicket.messages.edges.map((edge: any) => edge.node);
    expect(messages.map((m: any) => m.body)).toEqual([
      'First call: parcel missing.',
      'Second call, same parcel.',
      'We are looking for your parcel.',
      note,
    ]);
    expect(messages[2]).toMatchObject({ visibility: 'PUBLIC', createdAt: sourceReply.createdAt });
    // The target had no reply of its own: its latest message is now the source's reply.
    expect(targetTicket.lastMessageAt).toBe(sourceLastMessageAt);
    expect(targetTicket.tags.map((tag: any) => tag.name)).toEqual(['billing', 'refund', 'vip']);
    expect(targetTicket.mergedTickets).toEqual([{ id: source.id }]);
    expect(targetTicket.attachments).toEqual([{ fileName: 'receipt.pdf' }]);

    const targetHistory = await historyFields(target.id);
    // Entries of one change share their instant, so their order among themselves is not fixed.
    expect(targetHistory.map((entry) => entry.field).sort()).toEqual(['created', 'merge', 'tags']);
    expect(targetHistory.find((entry) => entry.field === 'merge')!.toValue).toMatchObject({ sourceNumber: source.number, movedMessages: 2, movedAttachments: 1 });
    const sourceHistory = await historyFields(source.id);
    expect(sourceHistory.map((entry) => entry.field).slice(-2).sort()).toEqual(['merge', 'status']);
    expect(sourceHistory.find((entry) => entry.field === 'merge')!.toValue).toMatchObject({ targetNumber: target.number });
  });

  it('publishes ticket.merged and ticket.updated for both tickets', async () => {
    const [source, target] = [await ticket(), await ticket()];
    expect((await merge(source.id, target.id)).errors).toBeUndefined();
    const events = await t.app.services.db.prisma.event.findMany({
      where: { entityId: { in: [rawId(source.id), rawId(target.id)] }, type: { in: ['ticket.merged', 'ticket.updated'] } },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => [event.type, event.entityId])).toEqual([
      ['ticket.merged', rawId(source.id)],
      ['ticket.updated', rawId(source.id)],
      ['ticket.updated', rawId(target.id)],
    ]);
    expect(events[0].payload).toMatchObject({ targetTicketId: rawId(target.id), sourceNumber: source.number, targetNumber: target.number });
  });

  it('makes the target findable by the words of the merged conversation', async () => {
    const target = await ticket({ subject: 'Parcel missing' });
    const source = await ticket({ subject: 'Another call', description: 'Courier zebrafinch lost it.' });
    await merge(source.id, target.id);
    const [{ count }] = await t.app.services.db.prisma.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM "Ticket" WHERE "id" = ${rawId(target.id)}::uuid AND "searchVector" @@ to_tsquery('simple', 'zebrafinch')`;
    expect(Number(count)).toBe(1);
  });
});

describe('merging several tickets into one', () => {
  it('moves every conversation in time order, joins the tags, closes each source with its note and publishes events for each', async () => {
    const target = await ticket({ description: 'Target: parcel missing.', tagIds: [tagIds.vip] });
    const first = await ticket({ description: 'First: where is it?', tagIds: [tagIds.refund] });
    const second = await ticket({ description: 'Second: still nothing.', tagIds: [tagIds.billing, tagIds.vip] });
    const third = await ticket({ description: 'Third: I want a refund.' });
    // Replies interleaved across the tickets: the merged conversation reads in the order they were written.
    await reply(second.id, 'Reply on second.');
    await reply(target.id, 'Reply on target.');
    await reply(first.id, 'Reply on first.');

    // Given out of number order: notes and events follow the order given.
    const result = await mergeMany([third.id, first.id, second.id], target.id);
    expect(result.errors).toBeUndefined();
    const { sourceTicket, sourceTickets, targetTicket } = result.data!.mergeTickets;
    expect(sourceTicket).toEqual({ id: third.id });
    expect(sourceTickets.map((source: any) => source.id)).toEqual([third.id, first.id, second.id]);
    const noteOf = (source: { number: number }) => `Merged #${source.number} into #${target.number}`;
    for (const [index, source] of [third, first, second].entries()) {
      const merged = sourceTickets[index];
      expect(merged).toMatchObject({ status: { category: 'CLOSED' }, mergedInto: { id: target.id } });
      expect(merged.closedAt).not.toBeNull();
      expect(merged.messages.edges.map((edge: any) => edge.node)).toEqual([{ body: noteOf(source), visibility: 'PRIVATE' }]);
    }

    expect(targetTicket.messages.edges.map((edge: any) => edge.node.body)).toEqual([
      'Target: parcel missing.',
      'First: where is it?',
      'Second: still nothing.',
      'Third: I want a refund.',
      'Reply on second.',
      'Reply on target.',
      'Reply on first.',
      noteOf(third),
      noteOf(first),
      noteOf(second),
    ]);
    expect(targetTicket.tags.map((tag: any) => tag.name)).toEqual(['billing', 'refund', 'vip']);
    expect(targetTicket.mergedTickets.map((merged: any) => merged.id).sort()).toEqual([first.id, second.id, third.id].sort());

    const targetHistory = await historyFields(target.id);
    expect(targetHistory.filter((entry) => entry.field === 'merge').map((entry) => entry.toValue.sourceNumber).sort()).toEqual(
      [first.number, second.number, third.number].sort(),
    );
    for (const source of [first, second, third]) {
      expect((await historyFields(source.id)).find((entry) => entry.field === 'merge')!.toValue).toMatchObject({ targetNumber: target.number });
    }

    const events = await t.app.services.db.prisma.event.findMany({
      where: { entityId: { in: [third, first, second, target].map((one) => rawId(one.id)) }, type: { in: ['ticket.merged', 'ticket.updated'] } },
      orderBy: { id: 'asc' },
    });
    // The replies above published ticket.updated too (of their own kind); only the merge's events are compared.
    const mergeEvents = events.filter((event) => event.type === 'ticket.merged' || (event.payload as { fields?: string[] }).fields?.includes('merge'));
    expect(mergeEvents.map((event) => [event.type, event.entityId])).toEqual(
      [third, first, second].flatMap((source) => [
        ['ticket.merged', rawId(source.id)],
        ['ticket.updated', rawId(source.id)],
        ['ticket.updated', rawId(target.id)],
      ]),
    );
  });

  it('all or nothing: one source that cannot merge leaves every ticket as it was, and the error names its position', async () => {
    const [target, one, two, merged, elsewhereTarget] = [await ticket(), await ticket(), await ticket(), await ticket(), await ticket()];
    expect((await merge(merged.id, elsewhereTarget.id)).errors).toBeUndefined();
    const before = await stateOf([target.id, one.id, two.id]);

    const refused = await mergeMany([one.id, two.id, merged.id], target.id);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.sourceTicketIds.2' });
    expect(refused.errors?.[0]?.message).toContain(`#${merged.number}`);
    expect(await stateOf([target.id, one.id, two.id])).toEqual(before);

    const elsewhere = await t.signUp('Elsewhere many');
    const elsewhereProduct = (await t.gql(`mutation { createProduct(input: { name: "P" }) { id } }`, {}, elsewhere.token)).data!.createProduct.id;
    const foreign = (
      await t.gql(
        `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
        { input: { productId: elsewhereProduct, customer: { name: 'X', email: uniqueEmail() } } },
        elsewhere.token,
      )
    ).data!.createTicket.id;
    expect((await mergeMany([one.id, foreign, two.id], target.id)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.sourceTicketIds.1' });
    expect((await mergeMany([one.id, two.id, target.id], target.id)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sourceTicketIds.2' });
    const closedTarget = await ticket({ statusId: statuses.Closed });
    expect((await mergeMany([one.id, two.id], closedTarget.id)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.targetTicketId' });
    expect(await stateOf([target.id, one.id, two.id])).toEqual(before);

    // The same authorization as a single merge: a read-only token changes nothing.
    const { secret } = (await t.gql(`mutation { createApiToken(input: { name: "Reader", scopes: [READ] }) { secret } }`, {}, acme.token)).data!.createApiToken;
    expect(errorCode(await mergeMany([one.id, two.id], target.id, secret))).toBe('FORBIDDEN');
    expect(await stateOf([target.id, one.id, two.id])).toEqual(before);
  });

  it('a ticket rule that closes the target after the first source refuses the whole merge', async () => {
    const autoclose = (await t.gql(`mutation { createTag(input: { name: "autoclose" }) { id } }`, {}, acme.token)).data!.createTag.id;
    const rule = await t.gql(
      `mutation($i: CreateRuleInput!) { createRule(input: $i) { id } }`,
      {
        i: {
          name: 'Close autoclose tickets on any change',
          triggers: ['TICKET_UPDATED'],
          conditions: [{ kind: 'tags', config: { match: 'ANY', tagIds: [autoclose] } }],
          actions: [{ kind: 'setStatus', config: { statusId: statuses.Closed } }],
        },
      },
      acme.token,
    );
    expect(rule.errors).toBeUndefined();
    try {
      const [target, one, two] = [await ticket({ tagIds: [autoclose] }), await ticket(), await ticket()];
      const before = await stateOf([target.id, one.id, two.id]);
      const refused = await mergeMany([one.id, two.id], target.id);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.targetTicketId' });
      expect(refused.errors?.[0]?.message).toContain(`rule closed #${target.number}`);
      expect(await stateOf([target.id, one.id, two.id])).toEqual(before);
    } finally {
      await t.gql(`mutation($id: ID!) { deleteRule(id: $id) }`, { id: rule.data!.createRule.id }, acme.token);
    }
  });

  it('takes exactly one of sourceTicketId and sourceTicketIds, 1 to 50 sources, each once', async () => {
    const [target, one, two] = [await ticket(), await ticket(), await ticket()];
    const run = (i: Record<string, unknown>) => t.gql(MERGE_MANY, { i: { targetTicketId: target.id, ...i } }, agent.token);
    expect((await run({ sourceTicketId: one.id, sourceTicketIds: [two.id] })).errors?.[0]).toMatchObject({
      message: expect.stringContaining('exactly one of sourceTicketId'),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.sourceTicketIds' },
    });
    expect((await run({})).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sourceTicketIds' });
    expect((await run({ sourceTicketIds: [] })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sourceTicketIds' });
    const tooMany = await run({ sourceTicketIds: Array.from({ length: 51 }, () => one.id) });
    expect(tooMany.errors?.[0]).toMatchObject({ message: expect.stringContaining('50'), extensions: { code: 'BAD_USER_INPUT', field: 'input.sourceTicketIds' } });
    expect((await run({ sourceTicketIds: [one.id, two.id, one.id] })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sourceTicketIds.2' });
    expect((await run({ sourceTicketIds: [one.id, 'garbage'] })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.sourceTicketIds.1' });
    expect((await stateOf([one.id, two.id])).map((node: any) => node.mergedInto)).toEqual([null, null]);

    // A list of one is the single merge.
    const single = await run({ sourceTicketIds: [one.id] });
    expect(single.errors).toBeUndefined();
    expect(single.data!.mergeTickets.sourceTickets.map((source: any) => source.id)).toEqual([one.id]);
  });
});

describe('a merged ticket', () => {
  it('refuses further changes, replies and merges; bulk updates name it', async () => {
    const [source, target, other] = [await ticket(), await ticket(), await ticket()];
    expect((await merge(source.id, target.id)).errors).toBeUndefined();

    const update = await t.gql(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, { i: { id: source.id, priority: 'LOW' } }, agent.token);
    expect(update.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const replied = await t.gql(`mutation($i: ReplyToTicketInput!) { replyToTicket(input: $i) { message { id } } }`, { i: { ticketId: source.id, body: 'Hello?' } }, agent.token);
    expect(errorCode(replied)).toBe('CONFLICT');
    expect((await merge(source.id, other.id)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.sourceTicketId' });
    expect((await merge(other.id, source.id)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.targetTicketId' });

    const bulk = await t.gql(
      `mutation($i: BulkUpdateTicketsInput!) { bulkUpdateTickets(input: $i) { ok results { ok error { code field } } } }`,
      { i: { ticketIds: [other.id, source.id], changes: { priority: 'LOW' } } },
      agent.token,
    );
    expect(bulk.data!.bulkUpdateTickets).toEqual({
      ok: false,
      results: [{ ok: true, error: null }, { ok: false, error: { code: 'CONFLICT', field: 'input.ticketIds.1' } }],
    });
  });
});

describe('what merging refuses', () => {
  it('a ticket into itself, into a closed ticket, or across workspaces', async () => {
    const [one, closed] = [await ticket(), await ticket({ statusId: statuses.Closed })];
    expect((await merge(one.id, one.id)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.targetTicketId' });
    const intoClosed = await merge(one.id, closed.id);
    expect(intoClosed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.targetTicketId' });
    expect(intoClosed.errors?.[0]?.message).toMatch(/reopen it/);

    const elsewhere = await t.signUp('Elsewhere');
    const elsewhereProduct = (await t.gql(`mutation { createProduct(input: { name: "P" }) { id } }`, {}, elsewhere.token)).data!.createProduct.id;
    const foreign = await t.gql(
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
      { input: { productId: elsewhereProduct, customer: { name: 'X', email: uniqueEmail() } } },
      elsewhere.token,
    );
    const foreignId = foreign.data!.createTicket.id;
    expect((await merge(foreignId, one.id)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.sourceTicketId' });
    expect((await merge(one.id, foreignId)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.targetTicketId' });
    expect((await merge(one.id, 'garbage')).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.targetTicketId' });
    // Nothing moved: the refused ticket is still open and has only its own messages.
    const still = await t.gql(`query($id: ID!) { node(id: $id) { ... on Ticket { status { name } mergedInto { id } } } }`, { id: one.id }, agent.token);
    expect(still.data!.node).toEqual({ status: { name: 'New' }, mergedInto: null });
  });

  it('a read-only API token gets FORBIDDEN', async () => {
    const [source, target] = [await ticket(), await ticket()];
    const { secret } = (await t.gql(`mutation { createApiToken(input: { name: "Reader", scopes: [READ] }) { secret } }`, {}, acme.token)).data!.createApiToken;
    expect(errorCode(await merge(source.id, target.id, secret))).toBe('FORBIDDEN');
    const after = await t.gql(`query($id: ID!) { node(id: $id) { ... on Ticket { mergedInto { id } } } }`, { id: source.id }, agent.token);
    expect(after.data!.node.mergedInto).toBeNull();
  });
});
