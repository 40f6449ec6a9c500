// CSV downloads of the reports: `GET /reports/sla-compliance.csv`, `GET /reports/sla-log.csv` and
// `GET /reports/ticket-volume.csv` with the same filters as the GraphQL fields (query parameters) and the same `Authorization: Bearer` token; streamed.
// The log is read in keyset pages and written as it is read, so a year of targets never sits in memory at once.
// Cells are what people read: names rather than ids, instants in ISO UTC, buckets in the workspace's zone.
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DateTime } from 'luxon';
import { authenticate, bearerToken, type Principal } from '../auth/principal.js';
import type { AppServices } from '../context.js';
import { log } from '../log.js';
import { type ComplianceRow, complianceReport, storedTargets } from './compliance.js';
import {
  decodeReportFilter,
  enumListParam,
  enumParam,
  listParam,
  REPORT_DIMENSIONS,
  REPORT_INTERVALS,
  type ReportFilter,
  reportFilterInputOfParams,
  reportPeriodLimit,
} from './filters.js';
import { type SlaLogRow, slaLogPage } from './log.js';
import { bucketLabel } from './buckets.js';
import { decodeVolumeFilter, ticketVolumeReport, VOLUME_DIMENSIONS, VOLUME_INTERVALS, type VolumeRow } from './volume.js';

const ROUTES = {
  '/reports/sla-compliance.csv': 'sla-compliance',
  '/reports/sla-log.csv': 'sla-log',
  '/reports/ticket-volume.csv': 'ticket-volume',
} as const;

/** Rows per keyset page of the log. */
const LOG_PAGE_SIZE = 2000;
const STATUSES = ['ACTIVE', 'PAUSED', 'ACHIEVED', 'BREACHED'] as const;

type App = Pick<AppServices, 'config' | 'db' | 'clock'>;

export function useReportDownloads(app: App): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const report = ROUTES[url.pathname.replace(/\/$/, '') as keyof typeof ROUTES];
      if (!report) return;
      const problem = (status: number, code: string, message: string, field?: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] }), {
            status,
            headers: { 'content-type': 'application/json', ...headers },
          }),
        );
      if (request.method !== 'GET') return problem(405, 'METHOD_NOT_ALLOWED', 'Reports are downloaded with GET.', undefined, { allow: 'GET' });
      try {
        const auth = await authenticate(app.db.prisma, bearerToken(request.headers.get('authorization')), app.clock.now());
        if (!auth.principal) {
          return problem(401, 'UNAUTHENTICATED', auth.problem ?? 'Send your token as `Authorization: Bearer <token>`.', undefined, {
            'www-authenticate': 'Bearer',
          });
        }
        const params = url.searchParams;
        const { rows, fileName, columns } = await DOWNLOADS[report](app, auth.principal, params);
        // The stringifier is the body: rows are written as they are produced, with backpressure from the client. A
        // failure mid-way destroys it, so the client sees a broken download rather than a silently short file.
        const body = stringify({ header: true, columns });
        pipeline(Readable.from(rows), body, (error) => {
          if (error) log.warn('report download broke off', { report, error: error.message });
        });
        endResponse(
          new fetchAPI.Response(body as unknown as BodyInit, {
            status: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': `attachment; filename="${fileName}"`,
              'x-content-type-options': 'nosniff',
              'cache-control': 'private, no-store',
            },
          }),
        );
      } catch (error) {
        // Validation refusals read exactly as the GraphQL field's do.
        if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
          return problem(400, 'BAD_USER_INPUT', error.message, error.extensions.field as string | undefined);
        }
        log.warn('report download failed', { report, error: (error as Error).message });
        return problem(503, 'SERVICE_UNAVAILABLE', 'The report cannot be read right now; try again shortly.');
      }
    },
  };
}

type CsvRecord = Record<string, string | number | null>;

interface CsvDownload {
  rows: AsyncIterable<CsvRecord> | Iterable<CsvRecord>;
  fileName: string;
  /** Given when known up front, so an empty report still has its header row. */
  columns?: string[];
}

/**
 * Text people typed (customer names, subjects) must not run as a formula when the file is opened in a spreadsheet:
 * a leading =, +, -, @ or tab gets an apostrophe, as OWASP recommends for CSV exports.
 */
const text = (value: string | null) => (value === null ? '' : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const iso = (date: Date | null) => date?.toISOString() ?? '';
const datePart = (date: Date) => date.toISOString().slice(0, 10);
const fileNameOf = (name: string, filter: Pick<ReportFilter, 'from' | 'to'>) => `${name}_${datePart(filter.from)}_${datePart(filter.to)}.csv`;
const rounded = (value: number | null) => (value === null ? '' : Math.round(value * 100) / 100);

async function complianceCsv(app: App, principal: Principal, params: URLSearchParams): Promise<CsvDownload> {
  const interval = enumParam(params, 'interval', REPORT_INTERVALS, 'DAY');
  const groupBy = enumListParam(params, 'groupBy', REPORT_DIMENSIONS);
  const filter = decodeReportFilter(reportFilterInputOfParams(params), principal.workspaceId, reportPeriodLimit(app.config, interval));
  const report = await complianceReport(app.db.prisma, storedTargets(filter.workspaceId), {
    filter,
    interval,
    groupBy,
    now: app.clock.now(),
  });
  const all = [...report.rows, ...report.totals];
  const bucketOf = (bucket: Date) => {
    const local = DateTime.fromJSDate(bucket, { zone: report.timeZone });
    return interval === 'DAY' ? local.toISODate()! : local.toISO({ suppressMilliseconds: true })!;
  };
  const recordOf = (row: ComplianceRow): CsvRecord => {
    const record: CsvRecord = {
      // Totals close the file, one per policy and metric (and groups), marked in the bucket column.
      bucket: row.bucket ? bucketOf(row.bucket) : 'total',
      policy: text(row.policyName),
      metric: row.metric,
    };
    if (groupBy.includes('PRODUCT')) record.product = text(row.productName);
    if (groupBy.includes('CHANNEL')) record.channel = row.channel ?? '';
    if (groupBy.includes('TEAM')) record.team = text(row.teamName);
    if (groupBy.includes('AGENT')) record.agent = text(row.agentName);
    return {
      ...record,
      met: row.met,
      missed: row.missed,
      pending: row.pending,
      success_rate_percent: rounded(row.successRate),
      target_rate_percent: row.targetRate,
      short_of_target: row.shortOfTarget,
      met_avg_minutes: rounded(row.metMinutes.avg),
      met_max_minutes: rounded(row.metMinutes.max),
      met_min_minutes: rounded(row.metMinutes.min),
      missed_avg_minutes: rounded(row.missedMinutes.avg),
      missed_max_minutes: rounded(row.missedMinutes.max),
      missed_min_minutes: rounded(row.missedMinutes.min),
    };
  };
  return { rows: all.map(recordOf), fileName: fileNameOf('sla-compliance', filter) };
}

async function logCsv(app: App, principal: Principal, params: URLSearchParams): Promise<CsvDownload> {
  const statuses = enumListParam(params, 'statuses', STATUSES);
  const filter = decodeReportFilter(reportFilterInputOfParams(params), principal.workspaceId, reportPeriodLimit(app.config, 'DAY'));
  const now = app.clock.now();
  // The first page is read before answering, so a failing database is a 503 rather than a cut-off file.
  const first = await slaLogPage(app.db.prisma, { filter, statuses, first: LOG_PAGE_SIZE, after: null, now });
  async function* rows(): AsyncGenerator<CsvRecord> {
    let page = first;
    for (;;) {
      for (const row of page.rows) yield logRecordOf(row);
      if (!page.hasNextPage) return;
      const last = page.rows[page.rows.length - 1];
      page = await slaLogPage(app.db.prisma, { filter, statuses, first: LOG_PAGE_SIZE, after: { startedAt: last.startedAt, id: last.id }, now });
    }
  }
  return { rows: rows(), fileName: fileNameOf('sla-log', filter) };
}

function logRecordOf(row: SlaLogRow): CsvRecord {
  return {
    started_at: iso(row.startedAt),
    ticket_number: row.ticketNumber,
    ticket_subject: text(row.ticketSubject),
    requester_name: text(row.customerName),
    requester_email: text(row.customerEmail),
    product: text(row.productName),
    channel: row.channel,
    priority: row.priority,
    team: text(row.teamName),
    agent: text(row.agentName),
    policy: text(row.policyName),
    metric: row.metric,
    cycle: row.cycle,
    target_minutes: row.targetMinutes,
    due_at: iso(row.dueAt),
    completed_at: iso(row.completedAt),
    breached_at: iso(row.breachedAt),
    status: row.status,
    result: row.result,
    elapsed_minutes: rounded(row.elapsedSeconds / 60),
    remaining_seconds: row.remainingSeconds,
  };
}

async function ticketVolumeCsv(app: App, principal: Principal, params: URLSearchParams): Promise<CsvDownload> {
  const interval = enumParam(params, 'interval', VOLUME_INTERVALS, 'DAY');
  const groupBy = enumListParam(params, 'groupBy', VOLUME_DIMENSIONS);
  const filter = decodeVolumeFilter(
    { ...reportFilterInputOfParams(params), priorities: listParam(params, 'priorities') },
    principal.workspaceId,
    reportPeriodLimit(app.config, interval === 'HOUR' ? 'HOUR' : 'DAY'),
  );
  const report = await ticketVolumeReport(app.db.prisma, { filter, interval, groupBy });
  const recordOf = (row: VolumeRow): CsvRecord => {
    // Totals close the file, one per group, marked in the bucket column (open_at_end: at the end of the period).
    const record: CsvRecord = { bucket: row.bucket ? bucketLabel(row.bucket, interval, report.timeZone) : 'total' };
    for (const group of row.groups) record[group.dimension.toLowerCase()] = text(group.name);
    return { ...record, created: row.created, resolved: row.resolved, open_at_end: row.openAtEnd };
  };
  return {
    rows: [...report.rows, ...report.totals].map(recordOf),
    fileName: fileNameOf('ticket-volume', filter),
    columns: ['bucket', ...report.groupBy.map((dimension) => dimension.toLowerCase()), 'created', 'resolved', 'open_at_end'],
  };
}

const DOWNLOADS: Record<(typeof ROUTES)[keyof typeof ROUTES], (app: App, principal: Principal, params: URLSearchParams) => Promise<CsvDownload>> = {
  'sla-compliance': complianceCsv,
  'sla-log': logCsv,
  'ticket-volume': ticketVolumeCsv,
};
