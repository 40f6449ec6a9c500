// The filter every SLA report shares (GraphQL fields, CSV downloads, the what-if simulation): decoded and checked
// once here, then turned into SQL conditions over a report source (the SlaTarget table or replayed targets).
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Config } from '../config.js';
import { badInput } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import { Channel, SlaMetric } from '../generated/prisma/enums.js';

export type ReportInterval = 'HOUR' | 'DAY';
export const REPORT_INTERVALS = ['HOUR', 'DAY'] as const satisfies readonly ReportInterval[];

export type ReportDimension = 'PRODUCT' | 'CHANNEL' | 'TEAM' | 'AGENT';
export const REPORT_DIMENSIONS = ['PRODUCT', 'CHANNEL', 'TEAM', 'AGENT'] as const satisfies readonly ReportDimension[];

/** What a client sends (GraphQL input or CSV query parameters): global ids, enum names. */
export interface ReportFilterInput {
  from: Date;
  to: Date;
  policyIds?: readonly (string | number)[] | null;
  productIds?: readonly (string | number)[] | null;
  channels?: readonly string[] | null;
  teamIds?: readonly (string | number)[] | null;
  agentIds?: readonly (string | number)[] | null;
  metrics?: readonly string[] | null;
}

/** The decoded filter: database ids; an empty list never reaches here (omitted = any). */
export interface ReportFilter {
  workspaceId: string;
  from: Date;
  to: Date;
  policyIds?: string[];
  productIds?: string[];
  channels?: Channel[];
  teamIds?: string[];
  agentIds?: string[];
  metrics?: SlaMetric[];
}

/** At most this many values per list: a filter is something a person picks, not a bulk export of ids. */
export const MAX_FILTER_VALUES = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

const ID_LISTS = {
  policyIds: 'SlaPolicy',
  productIds: 'Product',
  teamIds: 'Team',
  agentIds: 'User',
} as const;

/**
 * A global id of the expected type → its database id. Unlike mutations (where a foreign id is NOT_FOUND), a filter
 * with an id of another type is a mistake in the request: BAD_USER_INPUT. An id of another workspace is accepted
 * and simply matches nothing, since every report reads one workspace.
 */
function filterIdOf(globalId: string, typename: string, field: string): string {
  let decoded: { typename: string; id: string } | null = null;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = null;
  }
  if (!decoded || decoded.typename !== typename || !UUID.test(decoded.id)) {
    throw badInput(field, `Must be the id of a ${typename}.`);
  }
  return decoded.id;
}

export function enumValues<T extends string>(values: readonly string[], allowed: Record<string, T>, field: string): T[] {
  return [
    ...new Set(
      values.map((value, index) => {
        if (!(value in allowed)) throw badInput(`${field}.${index}`, `Must be one of ${Object.keys(allowed).join(', ')}.`);
        return value as T;
      }),
    ),
  ];
}

export interface PeriodLimit {
  maxDays: number;
  /** Says which limit it is in the error ("hourly reports", "simulations"). */
  what: string;
}

/** The longest period a report of `interval` may cover (config.sla). */
export const reportPeriodLimit = (config: Config, interval: ReportInterval): PeriodLimit =>
  interval === 'HOUR'
    ? { maxDays: config.sla.reportHourlyMaxDays, what: 'Hourly reports' }
    : { maxDays: config.sla.reportMaxDays, what: 'Reports' };

/** `from` before `to`, and not longer than the limit: refused up front rather than by a statement time-out. */
export function checkPeriod(from: Date, to: Date, limit: PeriodLimit, prefix: string) {
  if (Number.isNaN(from.getTime())) throw badInput(`${prefix}.from`, 'Must be a date-time such as 2026-06-01T00:00:00Z.');
  if (Number.isNaN(to.getTime())) throw badInput(`${prefix}.to`, 'Must be a date-time such as 2026-07-01T00:00:00Z.');
  if (from.getTime() >= to.getTime()) throw badInput(`${prefix}.to`, 'Must be later than `from`.');
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (days > limit.maxDays) {
    throw badInput(
      `${prefix}.to`,
      `${limit.what} cover at most ${limit.maxDays} days; this period is ${Math.ceil(days)} days. Choose a shorter period` +
        (limit.what === 'Hourly reports' ? ' or the DAY interval.' : '.'),
    );
  }
}

export function decodeReportFilter(
  input: ReportFilterInput,
  workspaceId: string,
  limit: PeriodLimit,
  prefix = 'filter',
): ReportFilter {
  checkPeriod(input.from, input.to, limit, prefix);
  const filter: ReportFilter = { workspaceId, from: input.from, to: input.to };
  for (const [key, typename] of Object.entries(ID_LISTS) as [keyof typeof ID_LISTS, string][]) {
    const values = input[key];
    if (!values || values.length === 0) continue;
    if (values.length > MAX_FILTER_VALUES) throw badInput(`${prefix}.${key}`, `At most ${MAX_FILTER_VALUES} values.`);
    filter[key] = [...new Set(values.map((value, index) => filterIdOf(String(value), typename, `${prefix}.${key}.${index}`)))];
  }
  if (input.channels && input.channels.length > 0) filter.channels = enumValues(input.channels, Channel, `${prefix}.channels`);
  if (input.metrics && input.metrics.length > 0) filter.metrics = enumValues(input.metrics, SlaMetric, `${prefix}.metrics`);
  return filter;
}

/** The conditions on a report source's columns (see compliance.ts `ReportSource`) read as `alias`, the period included. */
export function reportConditions(filter: ReportFilter, alias = 's'): Prisma.Sql {
  const s = Prisma.raw(alias);
  const where: Prisma.Sql[] = [Prisma.sql`${s}.started_at >= ${filter.from} AND ${s}.started_at < ${filter.to}`];
  if (filter.policyIds) where.push(Prisma.sql`${s}.policy_id = ANY(${filter.policyIds}::uuid[])`);
  if (filter.productIds) where.push(Prisma.sql`${s}.product_id = ANY(${filter.productIds}::uuid[])`);
  if (filter.channels) where.push(Prisma.sql`${s}.ticket_channel = ANY(${filter.channels}::text[])`);
  if (filter.teamIds) where.push(Prisma.sql`${s}.team_id = ANY(${filter.teamIds}::uuid[])`);
  if (filter.agentIds) where.push(Prisma.sql`${s}.agent_id = ANY(${filter.agentIds}::uuid[])`);
  if (filter.metrics) where.push(Prisma.sql`${s}.sla_metric = ANY(${filter.metrics}::text[])`);
  return Prisma.join(where, ' AND ');
}

// ---------------------------------------------------------------- CSV query parameters

/** A list parameter: comma-separated or repeated; null when absent. */
export const listParam = (params: URLSearchParams, name: string) => {
  const values = params.getAll(name).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  return values.length > 0 ? values : null;
};

function dateParam(params: URLSearchParams, name: string, field: string): Date {
  const value = params.get(name);
  if (!value) throw badInput(field, `Required: an ISO date-time such as 2026-06-01T00:00:00Z.`);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(field, 'Must be a date-time such as 2026-06-01T00:00:00Z.');
  return date;
}

/** The same filter from `?from=…&to=…&productIds=a,b` (lists comma-separated or repeated); fields named as in GraphQL. */
export function reportFilterInputOfParams(params: URLSearchParams): ReportFilterInput {
  return {
    from: dateParam(params, 'from', 'filter.from'),
    to: dateParam(params, 'to', 'filter.to'),
    policyIds: listParam(params, 'policyIds'),
    productIds: listParam(params, 'productIds'),
    channels: listParam(params, 'channels'),
    teamIds: listParam(params, 'teamIds'),
    agentIds: listParam(params, 'agentIds'),
    metrics: listParam(params, 'metrics'),
  };
}

export function enumParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[], fallback: T): T {
  const value = params.get(name);
  if (value == null || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw badInput(name, `Must be one of ${allowed.join(', ')}.`);
  return value as T;
}

export function enumListParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T[] {
  return [
    ...new Set(
      (listParam(params, name) ?? []).map((value, index) => {
        if (!(allowed as readonly string[]).includes(value)) throw badInput(`${name}.${index}`, `Must be one of ${allowed.join(', ')}.`);
        return value as T;
      }),
    ),
  ];
}
