// How our e-mails thread in the customer's mail client: every reply on a ticket refers to one thread id of that
// ticket (In-Reply-To and References), and has a Message-ID of its own, so a client shows a ticket as one
// conversation. The ids are stable, so a retried e-mail keeps its Message-ID and is recognised as the same e-mail.

/** The thread every e-mail of a ticket refers to. Incoming mail that refers to it belongs to the ticket. */
export const ticketThreadId = (ticketId: string) => `<ticket-${ticketId}@deskgraph>`;

/** The Message-ID of one outbox e-mail (the same on every attempt). */
export const outboundMessageId = (outboundEmailId: string) => `<reply-${outboundEmailId}@deskgraph>`;

/** The ticket id in a thread id we wrote, or null (for matching incoming replies). */
export function ticketIdOfThreadId(threadId: string): string | null {
  const match = /^<?ticket-([0-9a-f-]{36})@deskgraph>?$/i.exec(threadId.trim());
  return match ? match[1].toLowerCase() : null;
}
