// English strings of the ticket volume report (kept apart so parallel work on the main dictionary does not collide;
// spread into en.ts).
export const reportsEn = {
  ticketVolume: {
    title: 'Ticket volume',
    intro: 'Tickets created and resolved per period, in the workspace time zone ({zone}). Splits use each ticket’s values as they are now.',
    from: 'From',
    to: 'To',
    interval: 'Per',
    intervals: { HOUR: 'Hour', DAY: 'Day', WEEK: 'Week', MONTH: 'Month' },
    groupBy: 'Split by',
    dimensions: { STATUS: 'Status', PRODUCT: 'Product', CHANNEL: 'Channel', PRIORITY: 'Priority', TYPE: 'Type', TEAM: 'Team', AGENT: 'Assignee' },
    none: 'None',
    show: 'Show',
    csv: 'Download CSV',
    period: 'Period',
    created: 'Created',
    resolved: 'Resolved',
    wholePeriod: 'Whole period',
    weekOf: 'Week of {date}',
    chartTitle: 'Tickets created per period, by {dimension}',
    tableCaption: 'Tickets created per period and {dimension}, all tickets created, and resolutions',
    noData: 'No tickets were created or resolved in this period.',
    hint: 'Hourly: at most 31 days; otherwise at most a year. Resolved counts resolutions that still stand (reopened tickets are not counted).',
    downloadFailed: 'The CSV could not be downloaded (HTTP {status}).',
  },
};
