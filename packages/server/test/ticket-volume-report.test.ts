// Ticket volume as supervisors read it: tickets created (and resolved) per day or hour of the workspace's zone,
// split by product, channel, priority or status, filtered, with the backlog (tickets still open) at each bucket's end,
// and the same figures as a CSV download. Tickets are created on a test clock around the night Berlin's clocks go
// back (25 October 2026, 03:00 CEST → 02:00 CET); the backlog is also read in Istanbul, across days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type GraphQLResponse, startTestApp, type TestApp, testClock, type Workspace } from './harness.js';

const clock = testClock('2026-10-20T10:00:00Z');
let t: TestApp;
let acme: Workspace;
let portakal: string;
let elma: string;
let resolvedStatus: string;
let newStatus: string;

// Berlin days: 24 Oct starts 22:00Z (CEST), 25 Oct lasts 25 hours (22:00Z → 23:00Z next day), 26 Oct starts 23:00Z.
const PERIOD = { from: '2026-10-23T22:00:00Z', to: '2026-10-26T23:00:00Z' };
const DAYS = ['2026-10-23T22:00:00.000Z', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'];

async function call<T = any>(query: string, variables: Record<string, unknown> = {}, token = acme.token): Promise<T> {
  const result = await t.gql<T>(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

async function ticketAt(at: string, productId: string, channel: string, priority: string): Promise<string> {
  clock.set(at);
  const data = await call(`mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { id } }`, {
    i: { productId, channel, priority, customer: { name: 'Kunde', email: `kunde-${at.replace(/\D/g, '')}@example.test` }, subject: `Frage ${at}`, body: 'Hallo' },
  });
  return data.createTicketFromCustomer.id;
}

beforeAll(async () => {
  t = await startTestApp({}, { clock });
  acme = await t.signUp('Acme Berlin');
  await call(`mutation { updateWorkspace(input: { timeZone: "Europe/Berlin" }) { id } }`);
  const product = async (name: string) =>
    (await call(`mutation($n: String!) { createProduct(input: { name: $n, channels: [EMAIL, WEB_FORM] }) { id } }`, { n: name })).createProduct.id;
  portakal = await product('Portakal');
  elma = await product('Elma');
  const statuses = (await call(`{ ticketStatuses { id name } }`)).ticketStatuses;
  resolvedStatus = statuses.find((status: any) => status.name === 'Resolved').id;
  newStatus = statuses.find((status: any) => status.name === 'New').id;

  const reopened = await ticketAt('2026-10-24T21:30:00Z', portakal, 'EMAIL', 'HIGH'); // 24 Oct 23:30 CEST
  const early = await ticketAt('2026-10-24T22:30:00Z', portakal, 'EMAIL', 'LOW'); // 25 Oct 00:30 CEST (UTC: still the 24th)
  const first230 = await ticketAt('2026-10-25T00:30:00Z', elma, 'WEB_FORM', 'HIGH'); // 02:30 CEST
  await ticketAt('2026-10-25T01:30:00Z', portakal, 'EMAIL', 'HIGH'); // 02:30 CET, the repeated hour
  await ticketAt('2026-10-25T22:30:00Z', elma, 'EMAIL', 'URGENT'); // 25 Oct 23:30 CET (at +02:00 it would be the 26th)
  await ticketAt('2026-10-25T23:30:00Z', portakal, 'WEB_FORM', 'LOW'); // 26 Oct 00:30 CET
  // Two resolved on the 26th; a third resolved then reopened: its resolution no longer stands.
  clock.set('2026-10-26T10:00:00Z');
  const setStatus = (id: string, statusId: string) =>
    call(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, { i: { id, statusId } });
  for (const id of [early, first230, reopened]) await setStatus(id, resolvedStatus);
  clock.set('2026-10-26T11:00:00Z');
  await setStatus(reopened, newStatus);
}, 60_000);
afterAll(async () => {
  await t.stop();
});

const REPORT = `query($filter: TicketVolumeFilter!, $interval: TicketVolumeInterval, $groupBy: [TicketVolumeDimension!]) {
  ticketVolumeReport(filter: $filter, interval: $interval, groupBy: $groupBy) {
    timeZone interval groupBy buckets
    rows { bucket groups { dimension key name } created resolved openAtEnd }
    totals { groups { dimension key name } created resolved openAtEnd }
  }
}`;

type Row = {
  bucket?: string;
  groups: { dimension: string; key: string | null; name: string | null }[];
  created: number;
  resolved: number;
  openAtEnd: number;
};
const compact = (rows: Row[]) =>
  rows.map((row) => [row.bucket ?? 'total', ...row.groups.map((group) => group.name), row.created, row.resolved, row.openAtEnd]);
const failure = (response: GraphQLResponse) => ({ code: errorCode(response), field: response.errors?.[0]?.extensions?.field });

describe('ticketVolumeReport', () => {
  it("counts tickets created per local day, the 25-hour day of the clock change included, split by product", async () => {
    const { ticketVolumeReport: report } = await call(REPORT, { filter: PERIOD, groupBy: ['PRODUCT'] });
    expect(report).toMatchObject({ timeZone: 'Europe/Berlin', interval: 'DAY', groupBy: ['PRODUCT'], buckets: DAYS });
    // The last figure is the backlog at the end of the day: the reopened ticket counts as open since it was created.
    expect(compact(report.rows)).toEqual([
      [DAYS[0], 'Portakal', 1, 0, 1],
      [DAYS[1], 'Elma', 2, 0, 2],
      [DAYS[1], 'Portakal', 2, 0, 3],
      [DAYS[2], 'Elma', 0, 1, 1],
      [DAYS[2], 'Portakal', 1, 1, 3],
    ]);
    expect(compact(report.totals)).toEqual([
      ['total', 'Elma', 2, 1, 1],
      ['total', 'Portakal', 4, 1, 3],
    ]);
    expect(report.rows[0].groups[0]).toEqual({ dimension: 'PRODUCT', key: portakal, name: 'Portakal' });
  });

  it('keeps the repeated hour as two hours: the 25th has 25 hourly buckets', async () => {
    const day = { from: DAYS[1], to: DAYS[2] };
    const { ticketVolumeReport: report } = await call(REPORT, { filter: day, interval: 'HOUR' });
    expect(report.buckets).toHaveLength(25);
    expect(report.buckets.slice(1, 4)).toEqual(['2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z']);
    expect(compact(report.rows.filter((row: Row) => row.created > 0 || row.resolved > 0))).toEqual([
      ['2026-10-24T22:00:00.000Z', 1, 0, 2],
      ['2026-10-25T00:00:00.000Z', 1, 0, 3],
      ['2026-10-25T01:00:00.000Z', 1, 0, 4],
      ['2026-10-25T22:00:00.000Z', 1, 0, 5],
    ]);
    // Every hour has a row for its backlog (one ticket was open before the day began), each repeated hour its own.
    expect(report.rows.map((row: Row) => row.bucket)).toEqual(report.buckets);
    expect(report.rows.map((row: Row) => row.openAtEnd)).toEqual([2, 2, 3, 4, ...Array(20).fill(4), 5]);
  });

  it('splits by several dimensions with the names people read; status is the status now', async () => {
    const { ticketVolumeReport: report } = await call(REPORT, { filter: PERIOD, interval: 'WEEK', groupBy: ['STATUS', 'CHANNEL', 'PRIORITY'] });
    // Both days fall in the ISO week that starts on Monday 19 October.
    expect(report.buckets).toEqual(['2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
    expect(compact(report.totals)).toEqual([
      // Statuses in their workflow order, channels and priorities in the API's enum order (most urgent first).
      ['total', 'New', 'WEB_FORM', 'LOW', 1, 0, 1],
      ['total', 'New', 'EMAIL', 'URGENT', 1, 0, 1],
      ['total', 'New', 'EMAIL', 'HIGH', 2, 0, 2],
      ['total', 'Resolved', 'WEB_FORM', 'HIGH', 1, 1, 0],
      ['total', 'Resolved', 'EMAIL', 'LOW', 1, 1, 0],
    ]);
    expect(report.totals[0].groups.map((group: Row['groups'][number]) => group.key)).toEqual([expect.any(String), 'WEB_FORM', 'LOW']);
  });

  it('narrows by product, channel and priority; another workspace sees none of it', async () => {
    const created = async (filter: Record<string, unknown>, token = acme.token) =>
      (await call(REPORT, { filter: { ...PERIOD, ...filter } }, token)).ticketVolumeReport.totals.reduce((sum: number, row: Row) => sum + row.created, 0);
    expect(await created({})).toBe(6);
    expect(await created({ productIds: [elma] })).toBe(2);
    expect(await created({ channels: ['WEB_FORM'] })).toBe(2);
    expect(await created({ priorities: ['HIGH'] })).toBe(3);
    expect(await created({ productIds: [portakal], channels: ['EMAIL'], priorities: ['HIGH', 'LOW'] })).toBe(3);
    const other = await t.signUp('Elsewhere');
    expect(await created({}, other.token)).toBe(0);
    expect(await created({ productIds: [elma] }, other.token)).toBe(0);
  });

  it('reads the tickets in one statement, for 3 buckets as for 744 buckets of 7 dimensions', async () => {
    // Only statements that read tickets: the listener also hears background work (event relay) and sign-in lookups.
    const ticketStatements = async (variables: Record<string, unknown>) => {
      const seen: string[] = [];
      const stop = t.app.services.db.onQuery((sql) => {
        if (sql.includes('FROM "Ticket"')) seen.push(sql);
      });
      await call(REPORT, variables);
      stop();
      return seen.length;
    };
    expect(await ticketStatements({ filter: PERIOD, groupBy: ['PRODUCT'] })).toBe(1);
    const month = { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };
    expect(await ticketStatements({ filter: month, interval: 'HOUR', groupBy: ['STATUS', 'PRODUCT', 'CHANNEL', 'PRIORITY', 'TYPE', 'TEAM', 'AGENT'] })).toBe(1);
  });

  it('refuses bad periods and ids with the field to fix, and anyone signed out', async () => {
    expect(failure(await t.gql(REPORT, { filter: { from: PERIOD.to, to: PERIOD.from } }, acme.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    const hourly = await t.gql(REPORT, { filter: { from: '2026-09-01T00:00:00Z', to: '2026-10-27T00:00:00Z' }, interval: 'HOUR' }, acme.token);
    expect(failure(hourly)).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    expect(hourly.errors![0].message).toMatch(/Hourly reports cover at most 31 days/);
    const yearly = await t.gql(REPORT, { filter: { from: '2025-01-01T00:00:00Z', to: '2026-10-27T00:00:00Z' }, interval: 'MONTH' }, acme.token);
    expect(failure(yearly)).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    expect(failure(await t.gql(REPORT, { filter: { ...PERIOD, productIds: [resolvedStatus] } }, acme.token))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.productIds.0',
    });
    expect(errorCode(await t.gql(REPORT, { filter: PERIOD }))).toBe('UNAUTHENTICATED');
  });

  it('may be read with a READ token, like the SLA reports', async () => {
    const reader = (await call(`mutation { createApiToken(input: { name: "BI", scopes: [READ] }) { secret } }`)).createApiToken.secret;
    expect((await call(REPORT, { filter: PERIOD }, reader)).ticketVolumeReport.totals).toEqual([{ groups: [], created: 6, resolved: 2, openAtEnd: 4 }]);
  });
});

describe('GET /reports/ticket-volume.csv', () => {
  const download = (params: Record<string, string>, token: string | null = acme.token) =>
    t.app.yoga.fetch(`http://deskgraph.test/reports/ticket-volume.csv?${new URLSearchParams(params)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('has the GraphQL figures, names not ids, buckets as local dates, totals last', async () => {
    const response = await download({ ...PERIOD, groupBy: 'PRODUCT,CHANNEL' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="ticket-volume_2026-10-23_2026-10-26.csv"');
    const lines = (await response.text()).trim().split('\n');
    const { ticketVolumeReport: report } = await call(REPORT, { filter: PERIOD, groupBy: ['PRODUCT', 'CHANNEL'] });
    const local = { [DAYS[0]]: '2026-10-24', [DAYS[1]]: '2026-10-25', [DAYS[2]]: '2026-10-26' };
    expect(lines).toEqual([
      'bucket,product,channel,created,resolved,open_at_end',
      ...[...report.rows, ...report.totals].map((row: Row) =>
        [row.bucket ? local[row.bucket] : 'total', ...row.groups.map((group) => group.name), row.created, row.resolved, row.openAtEnd].join(','),
      ),
    ]);
    expect(lines).toContain('2026-10-25,Elma,EMAIL,1,0,1');
  });

  it('labels hours with their offset, so the repeated hour reads twice', async () => {
    // 02:00 CEST to 04:00 CET: three hours; the HIGH ticket of the 24th is open throughout.
    const response = await download({ from: '2026-10-25T00:00:00Z', to: '2026-10-25T03:00:00Z', interval: 'HOUR', priorities: 'HIGH' });
    expect((await response.text()).trim().split('\n')).toEqual([
      'bucket,created,resolved,open_at_end',
      '2026-10-25T02:00+02:00,1,0,2',
      '2026-10-25T02:00+01:00,1,0,3',
      '2026-10-25T03:00+01:00,0,0,3',
      'total,2,0,3',
    ]);
  });

  it('writes the header row even when nothing was created', async () => {
    const response = await download({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', groupBy: 'STATUS' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('bucket,status,created,resolved,open_at_end\n');
  });

  it('answers bad parameters and missing tokens as the API does', async () => {
    const tooLong = await download({ from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', interval: 'HOUR' });
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    const badPriority = await download({ ...PERIOD, priorities: 'SOON' });
    expect(badPriority.status).toBe(400);
    expect((await badPriority.json()).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.priorities.0' });
    const badDimension = await download({ ...PERIOD, groupBy: 'MOOD' });
    expect((await badDimension.json()).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'groupBy.0' });
    const anonymous = await download(PERIOD, null);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('the backlog (openAtEnd) in Istanbul', () => {
  // Istanbul days (UTC+3): 28 Oct starts 27 Oct 21:00Z. The period is 28–30 October; tickets also before and after it.
  const ISTANBUL = { from: '2026-10-27T21:00:00Z', to: '2026-10-30T21:00:00Z' };
  const D = ['2026-10-27T21:00:00.000Z', '2026-10-28T21:00:00.000Z', '2026-10-29T21:00:00.000Z'];
  let istanbul: Workspace;
  let exactlyAtEnd: string;

  beforeAll(async () => {
    clock.set('2026-10-27T07:00:00Z');
    istanbul = await t.signUp('Destek Istanbul');
    const as = <T = any>(query: string, variables: Record<string, unknown> = {}) => call<T>(query, variables, istanbul.token);
    await as(`mutation { updateWorkspace(input: { timeZone: "Europe/Istanbul" }) { id } }`);
    const productId = (await as(`mutation { createProduct(input: { name: "Kargo", channels: [EMAIL, WEB_FORM] }) { id } }`)).createProduct.id;
    const resolved = (await as(`{ ticketStatuses { id name } }`)).ticketStatuses.find((status: any) => status.name === 'Resolved').id;
    const create = async (at: string, channel: string) => {
      clock.set(at);
      const input = { productId, channel, customer: { name: 'Ayşe', email: `ayse-${at.replace(/\D/g, '')}@example.test` }, subject: at, body: 'Merhaba' };
      return (await as(`mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { id } }`, { i: input })).createTicketFromCustomer.id;
    };
    const resolve = async (at: string, id: string) => {
      clock.set(at);
      await as(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, { i: { id, statusId: resolved } });
    };
    const goneBefore = await create('2026-10-27T08:00:00Z', 'EMAIL'); // created and resolved before the period
    await create('2026-10-27T09:00:00Z', 'EMAIL'); // created before the period, still open
    const openAtStart = await create('2026-10-27T10:00:00Z', 'EMAIL'); // open when the period starts, resolved on the 28th
    await resolve('2026-10-27T12:00:00Z', goneBefore);
    exactlyAtEnd = await create('2026-10-28T08:00:00Z', 'WEB_FORM');
    await resolve('2026-10-28T12:00:00Z', openAtStart);
    await resolve('2026-10-28T21:00:00Z', exactlyAtEnd); // 29 Oct 00:00 in Istanbul: the end of the 28th
    const sameDay = await create('2026-10-29T10:00:00Z', 'EMAIL');
    await resolve('2026-10-29T15:00:00Z', sameDay);
    await create('2026-10-29T20:00:00Z', 'WEB_FORM'); // 23:00 in Istanbul, still open
    await create('2026-10-31T09:00:00Z', 'EMAIL'); // after the period
  }, 60_000);

  it("counts per bucket the tickets open at its end, from before the period too; one resolved at the very end is open for that day", async () => {
    const ticket = await call(`query($id: ID!) { ticket(id: $id) { resolvedAt } }`, { id: exactlyAtEnd }, istanbul.token);
    expect(ticket.ticket.resolvedAt).toBe(D[1]);
    const { ticketVolumeReport: report } = await call(REPORT, { filter: ISTANBUL, groupBy: ['CHANNEL'] }, istanbul.token);
    expect(report.buckets).toEqual(D);
    expect(compact(report.rows)).toEqual([
      [D[0], 'WEB_FORM', 1, 0, 1],
      [D[0], 'EMAIL', 0, 1, 1],
      [D[1], 'WEB_FORM', 1, 1, 1],
      [D[1], 'EMAIL', 1, 1, 1],
      // Nothing happened on the 30th: the backlog still has a row.
      [D[2], 'WEB_FORM', 0, 0, 1],
      [D[2], 'EMAIL', 0, 0, 1],
    ]);
    expect(compact(report.totals)).toEqual([
      ['total', 'WEB_FORM', 2, 1, 1],
      ['total', 'EMAIL', 1, 2, 1],
    ]);
    const email = await call(REPORT, { filter: { ...ISTANBUL, channels: ['EMAIL'] } }, istanbul.token);
    expect(compact(email.ticketVolumeReport.rows)).toEqual([
      [D[0], 0, 1, 1],
      [D[1], 1, 1, 1],
      [D[2], 0, 0, 1],
    ]);
  });

  it('writes the backlog into the CSV with the same figures', async () => {
    const response = await t.app.yoga.fetch(`http://deskgraph.test/reports/ticket-volume.csv?${new URLSearchParams({ ...ISTANBUL, groupBy: 'CHANNEL' })}`, {
      headers: { authorization: `Bearer ${istanbul.token}` },
    });
    expect((await response.text()).trim().split('\n')).toEqual([
      'bucket,channel,created,resolved,open_at_end',
      '2026-10-28,WEB_FORM,1,0,1',
      '2026-10-28,EMAIL,0,1,1',
      '2026-10-29,WEB_FORM,1,1,1',
      '2026-10-29,EMAIL,1,1,1',
      '2026-10-30,WEB_FORM,0,0,1',
      '2026-10-30,EMAIL,0,0,1',
      'total,WEB_FORM,2,1,1',
      'total,EMAIL,1,2,1',
    ]);
  });
});
