// How our e-mails thread in the customer's mail client: every reply on a ticket refers to one thread id of that
// ticket (In-Reply-To and References), and has a Message-ID of its own, so a client shows a ticket as one
// conversation. The ids are stable, so a retried e-mail keeps its Message-ID and is recognised as the same e-mail.
// Incoming mail finds its ticket the other way round (src/channels/email-inbound.ts): by these ids, or by the ticket
// token every outgoing subject carries.

/** The thread every e-mail of a ticket refers to. Incoming mail that refers to it belongs to the ticket. */
export const ticketThreadId = (ticketId: string) => `<ticket-${ticketId}@deskgraph>`;

/** The Message-ID of one outbox e-mail (the same on every attempt). */
export const outboundMessageId = (outboundEmailId: string) => `<reply-${outboundEmailId}@deskgraph>`;

const UUID_PART = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

/** The ticket id in a thread id we wrote, or null (for matching incoming replies). */
export function ticketIdOfThreadId(threadId: string): string | null {
  const match = new RegExp(`^<?ticket-${UUID_PART}@deskgraph>?$`, 'i').exec(threadId.trim());
  return match ? match[1].toLowerCase() : null;
}

/** The outbox e-mail behind a Message-ID we wrote, or null: a customer answering one of our replies names it. */
export function outboundEmailIdOfMessageId(messageId: string): string | null {
  const match = new RegExp(`^<?reply-${UUID_PART}@deskgraph>?$`, 'i').exec(messageId.trim());
  return match ? match[1].toLowerCase() : null;
}

/** "[#1042] Where is my parcel?": the token in every subject we send, so a reply finds its ticket even when a mail
 * client dropped In-Reply-To and References. */
export const subjectWithTicketToken = (ticketNumber: number, subject: string) => `[#${ticketNumber}] ${subject}`;

/** The ticket number of the first "[#<number>]" token in a subject, or null. */
export function ticketNumberInSubject(subject: string | null | undefined): number | null {
  const match = /\[#(\d{1,9})\]/.exec(subject ?? '');
  return match ? Number(match[1]) : null;
}

/** How many of the customer's own Message-IDs a reply lists in References (most mail clients need only the last). */
const MAX_CUSTOMER_REFERENCES = 10;

/**
 * The threading headers of a reply on a ticket. It answers the customer's last e-mail (In-Reply-To), so their client
 * files it under what they wrote; References carries our thread id first and then the customer's e-mails, so
 * clients that thread by the first reference (or by any) keep the whole ticket together.
 */
export function replyThreading(ticketId: string, customerMessageIds: readonly string[]) {
  const thread = ticketThreadId(ticketId);
  const recent = customerMessageIds.slice(-MAX_CUSTOMER_REFERENCES);
  return {
    inReplyTo: recent.length > 0 ? recent[recent.length - 1] : thread,
    references: [thread, ...recent],
  };
}
