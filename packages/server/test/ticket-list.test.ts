// Working a ticket list through the API: an agent filters the workspace's tickets by every sidebar criterion,
// searches their words, sorts and pages through them, reads the sidebar counts and keeps their own saved views. A
// page of tickets with everything a list row shows costs the same few SQL statements whatever its size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, PASSWORD, rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';

let t: TestApp;

interface Person {
  id: string;
  token: string;
}

async function call<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const result = await t.gql<T>(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

async function agentOf(ws: Workspace, name: string): Promise<Person> {
  const email = uniqueEmail(name.toLowerCase().replace(/\s/g, ''));
  const created = await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name, role: 'AGENT', password: PASSWORD } }, ws.token);
  const login = await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD }, ws.token);
  return { id: created.createUser.id, token: login.login.token };
}

const named = async (ws: Workspace, mutation: string, name: string, extra = '') =>
  (await call(`mutation($n: String!) { ${mutation}(input: { name: $n ${extra} }) { id } }`, { n: name }, ws.token))[mutation].id as string;

async function statusesOf(ws: Workspace): Promise<Record<string, string>> {
  const data = await call(`{ ticketStatuses { id name } }`, {}, ws.token);
  return Object.fromEntries(data.ticketStatuses.map((status: { id: string; name: string }) => [status.name, status.id]));
}

const CREATE = `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id number createdAt customer { id } } }`;
async function createTicket(token: string, input: Record<string, unknown>) {
  return (await call(CREATE, { input: { customer: { name: 'Customer', email: uniqueEmail('customer') }, ...input } }, token)).createTicket as {
    id: string;
    number: number;
    createdAt: string;
    customer: { id: string };
  };
}
const updateTicket = (token: string, input: Record<string, unknown>) =>
  call(`mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { id updatedAt } }`, { input }, token);

const LIST = `query($filter: TicketFilter, $sort: TicketSort, $viewId: ID, $first: Int, $after: String, $last: Int, $before: String) {
  tickets(filter: $filter, sort: $sort, viewId: $viewId, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { id number subject priority } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
type Page = {
  totalCount: number;
  edges: { cursor: string; node: { id: string; number: number; subject: string; priority: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};
const list = async (token: string, variables: Record<string, unknown> = {}) => (await call<{ tickets: Page }>(LIST, variables, token)).tickets;
const subjects = async (token: string, filter: Record<string, unknown>) =>
  (await list(token, { filter, first: 100 })).edges.map((edge) => edge.node.subject).sort();

// ---------------------------------------------------------------- one workspace with five distinct tickets

let acme: Workspace;
let ali: Person; // the agent who asks
let oya: Person;
let ids: Record<string, string>;
let tickets: Record<'parcel' | 'refund' | 'login' | 'card' | 'invoice', Awaited<ReturnType<typeof createTicket>>>;

beforeAll(async () => {
  t = await startTestApp();
  acme = await t.signUp('Acme');
  ali = await agentOf(acme, 'Ali');
  oya = await agentOf(acme, 'Oya');
  const status = await statusesOf(acme);
  const shop = await named(acme, 'createProduct', 'Shop');
  const bank = await named(acme, 'createProduct', 'Bank');
  ids = {
    shop,
    bank,
    ...Object.fromEntries(Object.entries(status).map(([name, id]) => [`status${name}`, id])),
    orders: (await call(`mutation($m: [ID!]) { createTeam(input: { name: "Orders", memberIds: $m }) { id } }`, { m: [ali.id] }, acme.token)).createTeam.id,
    vip: await named(acme, 'createTag', 'vip'),
    refund: await named(acme, 'createTag', 'refund'),
    question: await named(acme, 'createTicketType', 'Question'),
    cards: await named(acme, 'createTicketTopic', 'Cards', `, productId: "${bank}"`),
    escalations: await named(acme, 'createFolder', 'Escalations'),
  };
  // Created one after the other, so creation order is parcel < refund < login < card < invoice.
  const parcel = await createTicket(ali.token, {
    productId: shop,
    subject: 'Parcel never arrived',
    description: 'Müşteri aradı: kargo gelmedi, sipariş 1001.',
    priority: 'HIGH',
    assignee: { kind: 'USER', id: ali.id },
    tagIds: [ids.vip],
    typeId: ids.question,
  });
  const refund = await createTicket(ali.token, {
    productId: shop,
    subject: 'Refund for order 2002',
    priority: 'URGENT',
    assignee: { kind: 'TEAM', id: ids.orders },
    tagIds: [ids.refund, ids.vip],
    statusId: ids.statusOpen,
  });
  await updateTicket(ali.token, { id: refund.id, folderId: ids.escalations });
  const login = await createTicket(ali.token, { productId: bank, subject: 'Login problem', priority: 'LOW', topicId: ids.cards, statusId: ids.statusPending });
  await call(`mutation($i: ReplyToTicketInput!) { replyToTicket(input: $i) { message { id } } }`, { i: { ticketId: login.id, body: 'Please reset your password.' } }, ali.token);
  const card = await createTicket(ali.token, {
    productId: bank,
    subject: 'Card blocked',
    assignee: { kind: 'USER', id: oya.id },
    tagIds: [ids.refund],
    statusId: ids.statusResolved,
  });
  const invoice = await createTicket(ali.token, {
    productId: shop,
    subject: 'Question about invoices',
    customer: { name: 'Same customer', email: (await call(`query($id: ID!) { node(id: $id) { ... on Ticket { customer { email } } } }`, { id: parcel.id }, ali.token)).node.customer.email },
    statusId: ids.statusClosed,
  });
  tickets = { parcel, refund, login, card, invoice };
  // Another workspace's ticket with the same words must never show up.
  const other = await t.signUp('Other');
  await createTicket(other.token, { productId: await named(other, 'createProduct', 'Shop'), subject: 'Parcel never arrived' });
}, 120_000);
afterAll(() => t.stop());

describe('listing tickets', () => {
  it('shows the workspace’s tickets last changed first, with what a list row needs and a total', async () => {
    const result = await t.gql(
      `{ tickets(first: 10) { totalCount edges { node { subject status { name } customer { name } assigneeKind assigneeUser { id } assigneeTeam { id } tags { name } lastMessage { body } } } } }`,
      {},
      ali.token,
    );
    expect(result.errors).toBeUndefined();
    const { totalCount, edges } = result.data!.tickets;
    expect(totalCount).toBe(5);
    expect(edges.map((edge: any) => edge.node.subject)).toEqual([
      'Question about invoices',
      'Card blocked',
      'Login problem', // the reply changed it after "Refund…" was filed into its folder
      'Refund for order 2002',
      'Parcel never arrived',
    ]);
    expect(edges[3].node).toEqual({
      subject: 'Refund for order 2002',
      status: { name: 'Open' },
      customer: { name: 'Customer' },
      assigneeKind: 'TEAM',
      assigneeUser: null,
      assigneeTeam: { id: ids.orders },
      tags: [{ name: 'refund' }, { name: 'vip' }],
      lastMessage: null,
    });
    expect(edges[2].node.lastMessage).toEqual({ body: 'Please reset your password.' });
  });

  const cases: [string, () => Record<string, unknown>, string[]][] = [
    ['a status', () => ({ statusIds: [ids.statusOpen] }), ['Refund for order 2002']],
    ['status categories', () => ({ statusCategories: ['NEW', 'PENDING'] }), ['Login problem', 'Parcel never arrived']],
    ['priority', () => ({ priorities: ['MEDIUM'] }), ['Card blocked', 'Question about invoices']],
    ['product', () => ({ productIds: [ids.bank] }), ['Card blocked', 'Login problem']],
    ['channel', () => ({ channels: ['EMAIL', 'WHATSAPP'] }), []],
    ['assigned user', () => ({ assigneeUserIds: [oya.id] }), ['Card blocked']],
    ['assigned team', () => ({ assigneeTeamIds: [ids.orders] }), ['Refund for order 2002']],
    ['a user or a team', () => ({ assigneeUserIds: [oya.id], assigneeTeamIds: [ids.orders] }), ['Card blocked', 'Refund for order 2002']],
    ['unassigned', () => ({ unassigned: true }), ['Login problem', 'Question about invoices']],
    ['assigned to someone', () => ({ unassigned: false }), ['Card blocked', 'Parcel never arrived', 'Refund for order 2002']],
    ['assigned to me', () => ({ assignedToMe: true }), ['Parcel never arrived']],
    ['mine or nobody’s', () => ({ assignedToMe: true, unassigned: true }), ['Login problem', 'Parcel never arrived', 'Question about invoices']],
    ['not mine', () => ({ assignedToMe: false }), ['Card blocked', 'Login problem', 'Question about invoices', 'Refund for order 2002']],
    ['any of two tags', () => ({ tagIds: [ids.vip, ids.refund] }), ['Card blocked', 'Parcel never arrived', 'Refund for order 2002']],
    ['all of two tags', () => ({ allTagIds: [ids.vip, ids.refund] }), ['Refund for order 2002']],
    ['topic', () => ({ topicIds: [ids.cards] }), ['Login problem']],
    ['type', () => ({ typeIds: [ids.question] }), ['Parcel never arrived']],
    ['folder', () => ({ folderIds: [ids.escalations] }), ['Refund for order 2002']],
    ['customer', () => ({ customerId: tickets.parcel.customer.id }), ['Parcel never arrived', 'Question about invoices']],
    ['created from', () => ({ createdAfter: tickets.login.createdAt }), ['Card blocked', 'Login problem', 'Question about invoices']],
    ['created before', () => ({ createdBefore: tickets.login.createdAt }), ['Parcel never arrived', 'Refund for order 2002']],
    ['product and priorities together', () => ({ productIds: [ids.shop], priorities: ['MEDIUM', 'URGENT'] }), ['Question about invoices', 'Refund for order 2002']],
  ];
  for (const [criterion, filter, expected] of cases) {
    it(`filters by ${criterion}`, async () => {
      expect(await subjects(ali.token, filter())).toEqual(expected);
    });
  }

  it('filters by when tickets last changed', async () => {
    const ws = await t.signUp('Changes');
    const product = await named(ws, 'createProduct', 'P');
    const old = await createTicket(ws.token, { productId: product, subject: 'Old' });
    await createTicket(ws.token, { productId: product, subject: 'Untouched' });
    const { updateTicket: touched } = await updateTicket(ws.token, { id: old.id, priority: 'HIGH' });
    expect(await subjects(ws.token, { updatedAfter: touched.updatedAt })).toEqual(['Old']);
    expect(await subjects(ws.token, { updatedBefore: touched.updatedAt })).toEqual(['Untouched']);
  });
});

describe('searching tickets', () => {
  const searches: [string, string, string[]][] = [
    ['a word of the subject, in any case', 'PARCEL', ['Parcel never arrived']],
    ['a word of a private note, in another language', 'sipariş', ['Parcel never arrived']],
    ['words of a reply', 'reset password', ['Login problem']],
    ['a quoted phrase', '"order 2002"', ['Refund for order 2002']],
    ['words, minus an excluded one', 'refund -order', []],
    ['a number written in a message', '1001', ['Parcel never arrived']],
    ['nothing that is not there', 'nonexistentword', []],
  ];
  for (const [what, search, expected] of searches) {
    it(`finds ${what}`, async () => {
      expect(await subjects(ali.token, { search })).toEqual(expected);
    });
  }

  it('finds a ticket by its number', async () => {
    expect(await subjects(ali.token, { search: `#${tickets.card.number}` })).toEqual(['Card blocked']);
  });

  it('narrows a search with the other criteria', async () => {
    expect(await subjects(ali.token, { search: 'refund OR parcel', priorities: ['HIGH'] })).toEqual(['Parcel never arrived']);
  });
});

describe('sorting and paging', () => {
  let ws: Workspace;
  const priorities = ['LOW', 'HIGH', 'LOW', 'URGENT', 'LOW', 'HIGH', 'MEDIUM', 'LOW'];
  const rank: Record<string, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, URGENT: 3 };

  beforeAll(async () => {
    ws = await t.signUp('Paging');
    const product = await named(ws, 'createProduct', 'P');
    const created = [];
    for (const [index, priority] of priorities.entries()) {
      created.push(await createTicket(ws.token, { productId: product, subject: `Ticket ${index}`, priority }));
    }
    // Change them in another order than created, so "updated" and "created" orders differ.
    for (const ticket of [created[3], created[0], created[6]]) await updateTicket(ws.token, { id: ticket.id, subject: `${ticket.number} again` });
  });

  async function allPages(sort: Record<string, string>, size: number, backward: boolean) {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const page: Page = await list(ws.token, backward ? { sort, last: size, before: cursor } : { sort, first: size, after: cursor });
      const nodeIds = page.edges.map((edge) => edge.node.id);
      if (backward) seen.unshift(...nodeIds);
      else seen.push(...nodeIds);
      if (!(backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage)) return seen;
      cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
    }
    throw new Error('paging did not end');
  }

  for (const field of ['UPDATED_AT', 'CREATED_AT', 'PRIORITY', 'NUMBER']) {
    for (const direction of ['ASC', 'DESC']) {
      it(`pages forwards and backwards through ${field} ${direction} without skipping or repeating a ticket`, async () => {
        const sort = { field, direction };
        const whole = await list(ws.token, { sort, first: 100 });
        expect(whole.totalCount).toBe(priorities.length);
        const order = whole.edges.map((edge) => edge.node.id);
        expect(await allPages(sort, 3, false)).toEqual(order);
        expect(await allPages(sort, 3, true)).toEqual(order);
        expect(await allPages(sort, 1, false)).toEqual(order);
      });
    }
  }

  it('orders by the field, then by id in the same direction', async () => {
    const byPriority = (await list(ws.token, { sort: { field: 'PRIORITY', direction: 'DESC' }, first: 100 })).edges.map((edge) => edge.node);
    for (let i = 1; i < byPriority.length; i++) {
      const [before, after] = [byPriority[i - 1], byPriority[i]];
      expect(rank[before.priority]).toBeGreaterThanOrEqual(rank[after.priority]);
      if (before.priority === after.priority) expect(rawId(before.id) > rawId(after.id)).toBe(true);
    }
    const byNumber = (await list(ws.token, { sort: { field: 'NUMBER', direction: 'ASC' }, first: 100 })).edges.map((edge) => edge.node.number);
    expect(byNumber).toEqual([...byNumber].sort((a, b) => a - b));
    const byDefault = (await list(ws.token, { first: 3 })).edges.map((edge) => edge.node.subject);
    expect(byDefault.every((subject) => subject.endsWith('again'))).toBe(true); // last changed first
  });

  it('refuses a cursor that is not one', async () => {
    const result = await t.gql(LIST, { after: Buffer.from('GPC:S:not-a-uuid').toString('base64') }, ws.token);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(errorCode(await t.gql(LIST, { after: 'garbage' }, ws.token))).toBe('BAD_USER_INPUT');
  });
});

describe('bad filters', () => {
  it('names the field of an id of the wrong kind', async () => {
    const result = await t.gql(LIST, { filter: { tagIds: [ids.vip, ids.shop] } }, ali.token);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'filter.tagIds' });
  });

  it('refuses an empty time range, an overlong search and too many values', async () => {
    const range = await t.gql(LIST, { filter: { createdAfter: '2030-01-02T00:00:00Z', createdBefore: '2030-01-01T00:00:00Z' } }, ali.token);
    expect(range.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.createdBefore' });
    const long = await t.gql(LIST, { filter: { search: 'x'.repeat(201) } }, ali.token);
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    const many = await t.gql(LIST, { filter: { statusIds: Array.from({ length: 101 }, () => ids.statusNew) } }, ali.token);
    expect(many.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.statusIds' });
  });

  it('tells an API token that it has no tickets of its own', async () => {
    const { secret } = (await call(`mutation { createApiToken(input: { name: "CRM", scopes: [READ] }) { secret } }`, {}, acme.token)).createApiToken;
    const result = await t.gql(LIST, { filter: { assignedToMe: true } }, secret);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.assignedToMe' });
    expect((await list(secret, { first: 100 })).totalCount).toBe(5);
  });
});

describe('sidebar counts', () => {
  const COUNTS = `query($filter: TicketFilter, $viewId: ID) { ticketCounts(filter: $filter, viewId: $viewId) {
    total unassigned assignedToMe byStatus { status { name } count unassigned assignedToMe } byCategory { category count } } }`;

  it('counts per status (zero included), per category, unassigned and mine', async () => {
    const { ticketCounts } = await call(COUNTS, {}, ali.token);
    expect(ticketCounts).toMatchObject({ total: 5, unassigned: 2, assignedToMe: 1 });
    expect(ticketCounts.byStatus).toEqual([
      { status: { name: 'New' }, count: 1, unassigned: 0, assignedToMe: 1 },
      { status: { name: 'Open' }, count: 1, unassigned: 0, assignedToMe: 0 },
      { status: { name: 'Pending' }, count: 1, unassigned: 1, assignedToMe: 0 },
      { status: { name: 'Resolved' }, count: 1, unassigned: 0, assignedToMe: 0 },
      { status: { name: 'Closed' }, count: 1, unassigned: 1, assignedToMe: 0 },
    ]);
    expect(ticketCounts.byCategory).toEqual(['NEW', 'OPEN', 'PENDING', 'RESOLVED', 'CLOSED'].map((category) => ({ category, count: 1 })));
  });

  it('counts what the same filter lists', async () => {
    for (const filter of [{ productIds: [ids.shop] }, { tagIds: [ids.vip] }, { search: 'refund OR parcel OR password' }, { statusCategories: ['RESOLVED', 'CLOSED'] }]) {
      const { ticketCounts } = await call(COUNTS, { filter }, ali.token);
      expect(ticketCounts.total).toBe((await list(ali.token, { filter })).totalCount);
    }
    const { ticketCounts } = await call(COUNTS, { filter: { productIds: [ids.shop] } }, ali.token);
    expect(ticketCounts).toMatchObject({ total: 3, unassigned: 1, assignedToMe: 1 });
    expect(ticketCounts.byStatus.map((row: any) => row.count)).toEqual([1, 1, 0, 0, 1]);
  });

  it('has no "mine" for an API token', async () => {
    const { secret } = (await call(`mutation { createApiToken(input: { name: "Counts", scopes: [READ] }) { secret } }`, {}, acme.token)).createApiToken;
    const { ticketCounts } = await call(COUNTS, {}, secret);
    expect(ticketCounts).toMatchObject({ total: 5, assignedToMe: null });
  });
});

describe('saved views', () => {
  const VIEW_FIELDS = 'id name filter sort { field direction }';
  const createView = (token: string, input: Record<string, unknown>) =>
    t.gql(`mutation($i: CreateSavedViewInput!) { createSavedView(input: $i) { ${VIEW_FIELDS} } }`, { i: input }, token);

  it('saves a named filter, lists it only for its owner and runs it', async () => {
    const created = await createView(ali.token, {
      name: 'My VIP work',
      filter: { tagIds: [ids.vip], assignedToMe: true, unassigned: true, search: '  parcel OR refund  ', statusIds: [] },
      sort: { field: 'PRIORITY' },
    });
    expect(created.errors).toBeUndefined();
    const view = created.data!.createSavedView;
    // Stored validated and tidied: empty criteria dropped, search trimmed, ids as the API gives them.
    expect(view).toMatchObject({
      name: 'My VIP work',
      filter: { tagIds: [ids.vip], assignedToMe: true, unassigned: true, search: 'parcel OR refund' },
      sort: { field: 'PRIORITY', direction: 'DESC' },
    });
    expect(await call(`{ savedViews { name } }`, {}, ali.token)).toEqual({ savedViews: [{ name: 'My VIP work' }] });
    expect(await call(`{ savedViews { name } }`, {}, oya.token)).toEqual({ savedViews: [] });

    const run = await list(ali.token, { viewId: view.id, first: 10 });
    expect(run.edges.map((edge) => edge.node.subject)).toEqual(['Parcel never arrived']);
    // The stored filter is the same `TicketFilter` a client passes: running it directly gives the same tickets.
    expect(await subjects(ali.token, view.filter)).toEqual(['Parcel never arrived']);
    // A filter given with the view narrows it further; a sort given wins over the view's.
    const wider = await createView(ali.token, { name: 'All VIP', filter: { tagIds: [ids.vip] } });
    const vip = wider.data!.createSavedView.id;
    expect((await list(ali.token, { viewId: vip, first: 10, sort: { field: 'NUMBER', direction: 'ASC' } })).edges.map((edge) => edge.node.subject)).toEqual([
      'Parcel never arrived',
      'Refund for order 2002',
    ]);
    expect((await list(ali.token, { viewId: vip, filter: { priorities: ['URGENT'] }, first: 10 })).totalCount).toBe(1);
    const counts = await call(`query($v: ID) { ticketCounts(viewId: $v) { total } }`, { v: vip }, ali.token);
    expect(counts.ticketCounts.total).toBe(2);
  });

  it('renames, refilters and resets the sort of a view', async () => {
    const view = (await createView(ali.token, { name: 'Draft', filter: { priorities: ['LOW'] }, sort: { field: 'NUMBER', direction: 'ASC' } })).data!.createSavedView;
    const UPDATE = `mutation($i: UpdateSavedViewInput!) { updateSavedView(input: $i) { ${VIEW_FIELDS} } }`;
    const renamed = await call(UPDATE, { i: { id: view.id, name: 'Bank queue' } }, ali.token);
    expect(renamed.updateSavedView).toMatchObject({ name: 'Bank queue', filter: { priorities: ['LOW'] }, sort: { field: 'NUMBER', direction: 'ASC' } });
    const refiltered = await call(UPDATE, { i: { id: view.id, filter: { productIds: [ids.bank] }, sort: null } }, ali.token);
    expect(refiltered.updateSavedView).toMatchObject({ name: 'Bank queue', filter: { productIds: [ids.bank] }, sort: null });
    expect((await list(ali.token, { viewId: view.id, first: 10 })).edges.map((edge) => edge.node.subject)).toEqual(['Card blocked', 'Login problem']);
  });

  it('refuses a second view of the same name, and a filter with bad values', async () => {
    await createView(ali.token, { name: 'Unique', filter: {} });
    const again = await createView(ali.token, { name: 'Unique', filter: { priorities: ['HIGH'] } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    const badId = await createView(ali.token, { name: 'Bad', filter: { tagIds: [ids.shop] } });
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.filter.tagIds' });
    const badEnum = await t.gql(`mutation { createSavedView(input: { name: "Bad", filter: { priorities: [SOMETIMES] } }) { id } }`, {}, ali.token);
    expect(errorCode(badEnum)).toBe('GRAPHQL_VALIDATION_FAILED');
    // Another user may use the same name for their own view.
    expect((await createView(oya.token, { name: 'Unique', filter: {} })).errors).toBeUndefined();
  });

  it('keeps a view private: another agent can neither read, run, change nor delete it', async () => {
    const view = (await createView(ali.token, { name: 'Private', filter: { priorities: ['HIGH'] } })).data!.createSavedView;
    expect((await call(`query($id: ID!) { node(id: $id) { id } }`, { id: view.id }, oya.token)).node).toBeNull();
    expect((await call(`query($id: ID!) { node(id: $id) { ... on SavedView { name } } }`, { id: view.id }, ali.token)).node).toEqual({ name: 'Private' });
    const run = await t.gql(LIST, { viewId: view.id }, oya.token);
    expect(run.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'viewId' });
    const change = await t.gql(`mutation($i: UpdateSavedViewInput!) { updateSavedView(input: $i) { id } }`, { i: { id: view.id, name: 'Mine now' } }, oya.token);
    expect(change.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.id' });
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteSavedView(id: $id) }`, { id: view.id }, oya.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteSavedView(id: $id) }`, { id: view.id }, acme.token))).toBe('NOT_FOUND'); // admins too

    expect(await call(`mutation($id: ID!) { deleteSavedView(id: $id) }`, { id: view.id }, ali.token)).toEqual({ deleteSavedView: view.id });
    expect(errorCode(await t.gql(LIST, { viewId: view.id }, ali.token))).toBe('NOT_FOUND');
  });

  it('has none for API tokens', async () => {
    const { secret } = (await call(`mutation { createApiToken(input: { name: "Views", scopes: [READ, WRITE] }) { secret } }`, {}, acme.token)).createApiToken;
    expect(errorCode(await t.gql(`{ savedViews { id } }`, {}, secret))).toBe('FORBIDDEN');
    expect(errorCode(await createView(secret, { name: 'Token view', filter: {} }))).toBe('FORBIDDEN');
  });
});

describe('the cost of a list', () => {
  const ROW = `query($first: Int) { tickets(first: $first) {
    totalCount
    edges { cursor node { id number subject priority updatedAt
      product { name } status { name category } customer { name email }
      assigneeKind assigneeUser { name } assigneeTeam { name } tags { name color }
      lastMessage { body createdAt authorUser { name } } } }
    pageInfo { hasNextPage endCursor } } }`;

  it('runs the same few SQL statements for 5 tickets as for 50', async () => {
    const ws = await t.signUp('Busy');
    const agent = await agentOf(ws, 'Busy Agent');
    const team = (await call(`mutation { createTeam(input: { name: "Team" }) { id } }`, {}, ws.token)).createTeam.id;
    const product = await named(ws, 'createProduct', 'P');
    const tags = [await named(ws, 'createTag', 'a'), await named(ws, 'createTag', 'b'), await named(ws, 'createTag', 'c')];
    for (let batch = 0; batch < 11; batch++) {
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          createTicket(ws.token, {
            productId: product,
            subject: `Busy ${batch}-${i}`,
            description: `Note ${batch}-${i}`,
            assignee: i % 2 ? { kind: 'USER', id: agent.id } : { kind: 'TEAM', id: team },
            tagIds: tags.slice(0, 1 + (i % 3)),
          }),
        ),
      );
    }
    await t.app.services.events.drain();

    // Counted at the Prisma client, every statement it sends; the least of three runs, so a background timer's
    // statement (the event relay's poll) cannot inflate a count.
    async function statementsFor(first: number) {
      let least = Infinity;
      for (let run = 0; run < 3; run++) {
        const statements: string[] = [];
        const stop = t.app.services.db.onQuery((sql) => statements.push(sql));
        const result = await t.gql(ROW, { first }, ws.token);
        stop();
        expect(result.errors).toBeUndefined();
        expect(result.data!.tickets.edges).toHaveLength(first);
        least = Math.min(least, statements.length);
      }
      return least;
    }
    const small = await statementsFor(5);
    const large = await statementsFor(50);
    expect(large).toBe(small);
    // The session, the page's ids, the total, the tickets, then one per relation level selected: product, status,
    // customer, assigned user, assigned team, ticket tags, tags, last message, its author. Prisma loads each relation
    // with one `IN (…)` query; without its relationJoins preview feature this is the floor.
    expect(large).toBeLessThanOrEqual(13);
  });
});
