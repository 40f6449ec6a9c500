// English strings of the ticket volume report (kept apart so parallel work on the main dictionary does not collide;
// spread into en.ts).
export const reportsEn = {
  ticketVolume: {
    title: 'Ticket volume',
    intro: 'Tickets created and resolved per period, and open at its end, in the workspace time zone ({zone}). Splits use each ticket’s values as they are now.',
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
    openAtEnd: 'Open at end',
    channels: 'Channels (none ticked: all)',
    wholePeriod: 'Whole period',
    weekOf: 'Week of {date}',
    chartTitle: 'Tickets created per period, by {dimension}, and open at each period’s end',
    tableCaption: 'Tickets created per period and {dimension}, all tickets created, resolutions, and tickets open at the period’s end',
    noData: 'No tickets were created, resolved or open in this period.',
    hint: 'Hourly: at most 31 days; otherwise at most a year. Resolved counts resolutions that still stand (reopened tickets are not counted). Open at end: tickets created before the period’s end, also before the start date, and not resolved by then; a reopened ticket counts as open until it is resolved again.',
    downloadFailed: 'The CSV could not be downloaded (HTTP {status}).',
  },
};
