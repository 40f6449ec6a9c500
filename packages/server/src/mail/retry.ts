// When the outbox tries an e-mail again. Exponential backoff keeps a mail server that is down from being hammered
// while it comes back; a refusal the server calls permanent (5xx) is not retried at all.

const MAX_DELAY_MS = 6 * 60 * 60 * 1000;

/** The wait after the `attempt`-th failed try (1-based): base, 2×base, 4×base, … at most 6 hours. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS);
}

export type FailureOutcome = { status: 'FAILED' } | { status: 'PENDING'; retryInMs: number };

/** After a failed try: give up (FAILED) when the failure is permanent or the attempts are used up, else retry. */
export function outcomeOfFailure(attempt: number, maxAttempts: number, permanent: boolean, baseMs: number): FailureOutcome {
  if (permanent || attempt >= maxAttempts) return { status: 'FAILED' };
  return { status: 'PENDING', retryInMs: retryDelayMs(attempt, baseMs) };
}
