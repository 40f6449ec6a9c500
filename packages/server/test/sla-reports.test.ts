// SLA reports as supervisors read them: compliance per day and for the period, the target-by-target log, and both
// as CSV downloads. The tickets are answered on a test clock, so every minute in the assertions is exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type GraphQLResponse, PASSWORD, startTestApp, type TestApp, testClock, uniqueEmail, type Workspace } from './harness.js';

const clock = testClock('2026-06-01T06:00:00Z');
let t: TestApp;
let acme: Workspace;
let portakal: string;
let policyId: string;

const DAY_1 = '2026-06-01T06:00:00Z'; // 09:00 in Istanbul, the workspace's zone
const DAY_2 = '2026-06-02T06:00:00Z';
const PERIOD = { from: '2026-05-31T21:00:00Z', to: '2026-06-02T21:00:00Z' }; // two Istanbul days

async function call<T = any>(query: string, variables: Record<string, unknown> = {}, token = acme.token): Promise<T> {
  const result = await t.gql<T>(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

/**
 * 50 urgent e-mails on each of two days: 35 answered after 20 minutes, 10 after 40, 5 after 60. With a 30-minute
 * first response target that is 70 met and 30 missed in all.
 */
async function answerADay(start: string) {
  clock.set(start);
  const tickets: string[] = [];
  for (let i = 0; i < 50; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: 10 }, (_, j) =>
        call(`mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { id } }`, {
          i: {
            productId: portakal,
            channel: 'EMAIL',
            customer: { name: `Müşteri ${i + j}`, email: `musteri-${start.slice(0, 10)}-${i + j}@example.test` },
            subject: `Sipariş ${i + j} gelmedi`,
            body: 'Siparişim nerede?',
            priority: 'URGENT',
          },
        }),
      ),
    );
    tickets.push(...batch.map((data) => data.createTicketFromCustomer.id));
  }
  const reply = (ids: string[]) =>
    Promise.all(
      ids.map((ticketId) => call(`mutation($i: ReplyToTicketInput!) { replyToTicket(input: $i) { message { id } } }`, { i: { ticketId, body: 'Bakıyoruz.' } })),
    );
  clock.advance(20);
  await reply(tickets.slice(0, 35));
  clock.advance(20);
  await reply(tickets.slice(35, 45));
  clock.advance(20);
  await reply(tickets.slice(45));
}

beforeAll(async () => {
  t = await startTestApp({ SLA_SCAN_MS: '3600000' }, { clock });
  acme = await t.signUp('Acme Portakal');
  portakal = (await call(`mutation { createProduct(input: { name: "Portakal", channels: [EMAIL] }) { id } }`)).createProduct.id;
  policyId = (
    await call(`mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }`, {
      i: {
        name: 'urgent e-mail for product Portakal',
        targets: [{ metric: 'FIRST_RESPONSE', minutes: 30 }],
        targetRate: 80,
        productIds: [portakal],
        channels: ['EMAIL'],
        priorities: ['URGENT'],
      },
    })
  ).createSlaPolicy.id;
  await call(`mutation($i: CreateSlaRuleInput!) { createSlaRule(input: $i) { id } }`, {
    i: { name: 'Urgent Portakal e-mail', conditions: [{ kind: 'priority', config: { priorities: ['URGENT'] } }], policyId },
  });
  await answerADay(DAY_1);
  await answerADay(DAY_2);
  // One more, still waiting within its time when the reports are read: pending, outside the success rate.
  await call(`mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { id } }`, {
    i: {
      productId: portakal,
      channel: 'EMAIL',
      customer: { name: '=HYPERLINK("http://evil.test")', email: 'late@example.test' },
      subject: 'Still waiting',
      body: 'Hello?',
      priority: 'URGENT',
    },
  });
}, 60_000);
afterAll(async () => {
  await t.stop();
});

const REPORT = `query($filter: SlaReportFilter!, $interval: SlaReportInterval, $groupBy: [SlaReportDimension!]) {
  slaComplianceReport(filter: $filter, interval: $interval, groupBy: $groupBy) {
    timeZone interval groupBy
    rows { bucket policy { id name } policyName metric product { name } channel met missed pending successRate targetRate shortOfTarget
           metAvgMinutes metMinMinutes metMaxMinutes missedAvgMinutes missedMinMinutes missedMaxMinutes }
    totals { policy { id } policyName metric product { name } met missed pending successRate targetRate shortOfTarget
             metAvgMinutes missedMinMinutes missedMaxMinutes }
  }
}`;

const failure = (response: GraphQLResponse) => ({ code: errorCode(response), field: response.errors?.[0]?.extensions?.field });

describe('slaComplianceReport', () => {
  it('counts met and missed targets for the period and says how far it is from the target rate', async () => {
    const { slaComplianceReport: report } = await call(REPORT, { filter: PERIOD });
    expect(report).toMatchObject({ timeZone: 'Europe/Istanbul', interval: 'DAY', groupBy: [] });
    expect(report.totals).toEqual([
      {
        policy: { id: policyId },
        policyName: 'urgent e-mail for product Portakal',
        metric: 'FIRST_RESPONSE',
        product: null,
        met: 70,
        missed: 30,
        pending: 1,
        successRate: 70,
        targetRate: 80,
        shortOfTarget: 10,
        metAvgMinutes: 20,
        missedMinMinutes: 40,
        missedMaxMinutes: 60,
      },
    ]);
  });

  it("cuts days at midnight in the workspace's zone", async () => {
    const { slaComplianceReport: report } = await call(REPORT, { filter: PERIOD });
    expect(report.rows.map((row: any) => [row.bucket, row.met, row.missed, row.pending, row.successRate, row.shortOfTarget])).toEqual([
      ['2026-05-31T21:00:00.000Z', 35, 15, 0, 70, 5],
      ['2026-06-01T21:00:00.000Z', 35, 15, 1, 70, 5],
    ]);
    // (10 × 40 + 5 × 60) / 15, to the hundredth.
    expect(report.rows[0]).toMatchObject({ metMinMinutes: 20, metMaxMinutes: 20, missedAvgMinutes: 46.67 });
  });

  it('buckets by hour and splits by the chosen dimensions', async () => {
    const { slaComplianceReport: report } = await call(REPORT, {
      filter: { ...PERIOD, channels: ['EMAIL'] },
      interval: 'HOUR',
      groupBy: ['PRODUCT', 'CHANNEL'],
    });
    expect(report.rows.map((row: any) => [row.bucket, row.product?.name, row.channel, row.met + row.missed + row.pending])).toEqual([
      ['2026-06-01T06:00:00.000Z', 'Portakal', 'EMAIL', 50],
      ['2026-06-02T06:00:00.000Z', 'Portakal', 'EMAIL', 50],
      ['2026-06-02T07:00:00.000Z', 'Portakal', 'EMAIL', 1],
    ]);
    expect(report.totals).toHaveLength(1);
    expect(report.totals[0]).toMatchObject({ product: { name: 'Portakal' }, met: 70, missed: 30 });
  });

  it('filters by policy, product, metric; ids of another workspace match nothing', async () => {
    const other = await t.signUp('Elsewhere');
    const foreignProduct = (await call(`mutation { createProduct(input: { name: "Other" }) { id } }`, {}, other.token)).createProduct.id;
    const count = async (filter: Record<string, unknown>) =>
      (await call(REPORT, { filter: { ...PERIOD, ...filter } })).slaComplianceReport.totals.reduce((sum: number, row: any) => sum + row.met + row.missed, 0);
    expect(await count({ policyIds: [policyId], productIds: [portakal], metrics: ['FIRST_RESPONSE'] })).toBe(100);
    expect(await count({ productIds: [foreignProduct] })).toBe(0);
    expect(await count({ metrics: ['RESOLUTION'] })).toBe(0);
    expect(await count({ channels: ['WHATSAPP'] })).toBe(0);
    // Another workspace's report of the same period sees none of Acme's targets.
    expect((await call(REPORT, { filter: PERIOD }, other.token)).slaComplianceReport.totals).toEqual([]);
  });

  it('refuses bad filters with the field to fix', async () => {
    expect(failure(await t.gql(REPORT, { filter: { ...PERIOD, productIds: [policyId] } }, acme.token))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.productIds.0',
    });
    expect(failure(await t.gql(REPORT, { filter: { from: PERIOD.to, to: PERIOD.from } }, acme.token))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.to',
    });
    const tooLong = await t.gql(REPORT, { filter: { from: '2025-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' } }, acme.token);
    expect(failure(tooLong)).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    expect(tooLong.errors![0].message).toMatch(/at most 366 days/);
    const hourly = await t.gql(REPORT, { filter: { from: '2026-05-01T00:00:00Z', to: '2026-06-03T00:00:00Z' }, interval: 'HOUR' }, acme.token);
    expect(failure(hourly)).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    expect(hourly.errors![0].message).toMatch(/Hourly reports cover at most 31 days/);
    expect(errorCode(await t.gql(REPORT, { filter: PERIOD }))).toBe('UNAUTHENTICATED');
  });

  it('may be read by agents and by READ tokens', async () => {
    const email = uniqueEmail('agent');
    await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name: 'Ajan', role: 'AGENT', password: PASSWORD } });
    const agent = (await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD })).login.token;
    const reader = (await call(`mutation { createApiToken(input: { name: "BI", scopes: [READ] }) { secret } }`)).createApiToken.secret;
    for (const token of [agent, reader]) {
      expect((await call(REPORT, { filter: PERIOD }, token)).slaComplianceReport.totals[0].met).toBe(70);
    }
  });
});

const LOG = `query($filter: SlaReportFilter!, $statuses: [SlaTargetStatus!], $first: Int, $after: String) {
  slaLog(filter: $filter, statuses: $statuses, first: $first, after: $after) {
    edges { cursor node {
      requester { name email } ticket { id number } ticketNumber product { name } team { name } agent { name }
      policy { id } policyName metric cycle startedAt dueAt completedAt status result elapsedMinutes remainingSeconds
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('slaLog', () => {
  it('lists every target oldest first, page by page, without repeats', async () => {
    const seen: any[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const { slaLog }: any = await call(LOG, { filter: PERIOD, first: 40, after });
      seen.push(...slaLog.edges.map((edge: any) => edge.node));
      if (!slaLog.pageInfo.hasNextPage) break;
      after = slaLog.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(101);
    expect(new Set(seen.map((row) => row.ticket.id)).size).toBe(101);
    const starts = seen.map((row) => row.startedAt);
    expect(starts).toEqual([...starts].sort());
  });

  it('shows who asked, the promise and how it went', async () => {
    const { slaLog } = await call(LOG, { filter: PERIOD, first: 100 });
    const rows = slaLog.edges.map((edge: any) => edge.node);
    const fast = rows.find((row: any) => row.elapsedMinutes === 20);
    expect(fast).toMatchObject({
      requester: { name: expect.stringMatching(/^Müşteri /), email: expect.stringMatching(/@example\.test$/) },
      product: { name: 'Portakal' },
      policy: { id: policyId },
      policyName: 'urgent e-mail for product Portakal',
      metric: 'FIRST_RESPONSE',
      cycle: 0,
      status: 'ACHIEVED',
      result: 'MET',
      remainingSeconds: 600,
    });
    expect(fast.ticketNumber).toBe(fast.ticket.number);
    const late = rows.find((row: any) => row.elapsedMinutes === 60);
    expect(late).toMatchObject({ status: 'BREACHED', result: 'MISSED', remainingSeconds: -1800 });
  });

  it('filters by status; the running target counts down from now', async () => {
    const breached = await call(LOG, { filter: PERIOD, statuses: ['BREACHED'], first: 100 });
    expect(breached.slaLog.edges).toHaveLength(30);
    const active = (await call(LOG, { filter: PERIOD, statuses: ['ACTIVE'] })).slaLog.edges.map((edge: any) => edge.node);
    // Created at the clock's last instant, nothing has passed: the whole 30 minutes remain.
    expect(active).toEqual([expect.objectContaining({ status: 'ACTIVE', result: 'PENDING', remainingSeconds: 1800, completedAt: null })]);
  });

  it('refuses a cursor that is not its own', async () => {
    expect(failure(await t.gql(LOG, { filter: PERIOD, after: 'bm9wZQ' }, acme.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('CSV downloads', () => {
  const download = (path: string, token: string | null = acme.token) =>
    t.app.yoga.fetch(`http://deskgraph.test${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const query = (params: Record<string, string>) => new URLSearchParams({ ...PERIOD, ...params }).toString();

  it('gives the compliance report with names people read and buckets in the workspace zone', async () => {
    const response = await download(`/reports/sla-compliance.csv?${query({ interval: 'DAY', groupBy: 'PRODUCT', productIds: portakal })}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="sla-compliance_2026-05-31_2026-06-02.csv"');
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'bucket,policy,metric,product,met,missed,pending,success_rate_percent,target_rate_percent,short_of_target,' +
        'met_avg_minutes,met_max_minutes,met_min_minutes,missed_avg_minutes,missed_max_minutes,missed_min_minutes',
    );
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 10).join(','))).toEqual([
      '2026-06-01,urgent e-mail for product Portakal,FIRST_RESPONSE,Portakal,35,15,0,70,80,5',
      '2026-06-02,urgent e-mail for product Portakal,FIRST_RESPONSE,Portakal,35,15,1,70,80,5',
      'total,urgent e-mail for product Portakal,FIRST_RESPONSE,Portakal,70,30,1,70,80,10',
    ]);
  });

  it('streams the log, every target, with requesters as written (formulas defused)', async () => {
    const response = await download(`/reports/sla-log.csv?${query({})}`);
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'started_at,ticket_number,ticket_subject,requester_name,requester_email,product,channel,priority,team,agent,policy,' +
        'metric,cycle,target_minutes,due_at,completed_at,breached_at,status,result,elapsed_minutes,remaining_seconds',
    );
    expect(lines).toHaveLength(102);
    expect(lines[1]).toMatch(/^2026-06-01T06:00:00\.000Z,\d+,Sipariş \d+ gelmedi,Müşteri \d+,musteri-[^,]+,Portakal,EMAIL,URGENT,/);
    expect(lines[101]).toContain(`"'=HYPERLINK(""http://evil.test"")",late@example.test`);
  });

  it('answers bad filters and missing tokens as the API does', async () => {
    const tooLong = await download(`/reports/sla-compliance.csv?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&interval=HOUR`);
    expect(tooLong.status).toBe(400);
    const body = await tooLong.json();
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    expect(body.errors[0].message).toMatch(/Hourly reports cover at most 31 days/);
    const wrongId = await download(`/reports/sla-log.csv?${query({ agentIds: portakal })}`);
    expect(wrongId.status).toBe(400);
    expect((await wrongId.json()).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.agentIds.0' });
    const noFrom = await download(`/reports/sla-log.csv?to=2026-03-01T00:00:00Z`);
    expect(noFrom.status).toBe(400);
    expect((await noFrom.json()).errors[0].extensions.field).toBe('filter.from');
    const anonymous = await download(`/reports/sla-log.csv?${query({})}`, null);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await download(`/reports/sla-log.csv?${query({})}`, 'dgs_not-a-real-token')).status).toBe(401);
  });

  it('may be downloaded with a READ token', async () => {
    const reader = (await call(`mutation { createApiToken(input: { name: "CSV", scopes: [READ] }) { secret } }`)).createApiToken.secret;
    const response = await download(`/reports/sla-compliance.csv?${query({})}`, reader);
    expect(response.status).toBe(200);
    expect((await response.text()).trim().split('\n')).toHaveLength(4);
  });
});

describe('hourly buckets across a DST change', () => {
  it('keeps the hour repeated when clocks go back as two buckets (Berlin, 25 October 2026)', async () => {
    const before = clock.now();
    const berlin = await t.signUp('Acme Berlin');
    const as = <T = any>(query: string, variables: Record<string, unknown> = {}) => call<T>(query, variables, berlin.token);
    await as(`mutation { updateWorkspace(input: { timeZone: "Europe/Berlin" }) { id } }`);
    const product = (await as(`mutation { createProduct(input: { name: "Elma", channels: [EMAIL] }) { id } }`)).createProduct.id;
    const policy = (
      await as(`mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }`, {
        i: { name: 'Berlin urgent', targets: [{ metric: 'FIRST_RESPONSE', minutes: 30 }], targetRate: 80 },
      })
    ).createSlaPolicy.id;
    await as(`mutation($i: CreateSlaRuleInput!) { createSlaRule(input: $i) { id } }`, {
      i: { name: 'Urgent', conditions: [{ kind: 'priority', config: { priorities: ['URGENT'] } }], policyId: policy },
    });
    const ticketAt = async (instant: string, email: string) => {
      clock.set(instant);
      await as(`mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { id } }`, {
        i: { productId: product, channel: 'EMAIL', customer: { name: 'Kunde', email }, subject: 'Hilfe', body: 'Bitte', priority: 'URGENT' },
      });
    };
    try {
      await ticketAt('2026-10-25T00:30:00Z', 'cest@example.test'); // 02:30 CEST
      await ticketAt('2026-10-25T01:30:00Z', 'cet@example.test'); // 02:30 CET: the same local hour, an hour later
      const { slaComplianceReport: report } = await as(REPORT, {
        filter: { from: '2026-10-24T22:00:00Z', to: '2026-10-25T23:00:00Z' },
        interval: 'HOUR',
      });
      expect(report.timeZone).toBe('Europe/Berlin');
      expect(report.rows.map((row: any) => [row.bucket, row.met + row.missed + row.pending])).toEqual([
        ['2026-10-25T00:00:00.000Z', 1],
        ['2026-10-25T01:00:00.000Z', 1],
      ]);
    } finally {
      clock.set(before);
    }
  });
});
