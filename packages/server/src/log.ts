// One-line JSON logs on stderr; the level comes from DESKGRAPH_LOG_LEVEL.
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = keyof typeof levels;
let threshold: number = levels[(process.env.DESKGRAPH_LOG_LEVEL as Level) ?? 'info'] ?? levels.info;

export function setLogLevel(level: Level) {
  threshold = levels[level];
}

function write(level: Exclude<Level, 'silent'>, message: string, fields?: Record<string, unknown>) {
  if (levels[level] < threshold) return;
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
