// Turns a stored inbound e-mail delivery into ticket changes, in the delivery's transaction: a follow-up on the ticket
// it answers (found by our thread ids and Message-IDs, the customer's earlier e-mails, or the "[#n]" subject token),
// else a new EMAIL ticket. Machines' e-mails (auto-replies, bounces) are recorded as IGNORED and never answered.
import { recordAttachments, storeUploads, discardStoredAttachments, type StoredAttachment } from '../attachments/service.js';
import { formatMegabytes } from '../attachments/file-names.js';
import type { AppServices } from '../context.js';
import { DeskgraphError } from '../errors.js';
import type { Tx } from '../events/write.js';
import { outboundEmailIdOfMessageId, ticketNumberInSubject } from '../mail/threading.js';
import { addCustomerMessageInTx, createCustomerTicketInTx } from '../tickets/customer-messages.js';
import { claimInboundMessage, type DeliveryProcessor, linkInboundMessage, type ProcessingResult } from '../webhooks/deliveries.js';
import {
  attachmentCandidates,
  droppedFilesNote,
  type InboundAttachment,
  type InboundEmail,
  messageBodyOf,
  parseInboundEmail,
  threadRefsOf,
  withoutQuotedReply,
} from './email-inbound.js';

const ignored = (outcome: string): ProcessingResult => ({ status: 'IGNORED', outcome });

interface ThreadTarget {
  ticket: { id: string; number: number; customerId: string; statusCategory: string };
  how: string;
  /** The sender is someone else than the ticket's customer (a colleague in copy, a forwarded thread). */
  otherSender: boolean;
}

/** A merged ticket lives on in the ticket it was merged into; follow the chain (a few links at most). */
async function liveTicket(tx: Tx, workspaceId: string, ticketId: string) {
  let ticket = await tx.ticket.findFirst({
    where: { id: ticketId, workspaceId },
    select: { id: true, number: true, customerId: true, mergedIntoId: true, status: { select: { category: true } }, customer: { select: { email: true } } },
  });
  for (let hops = 0; ticket?.mergedIntoId && hops < 10; hops += 1) {
    ticket = await tx.ticket.findFirst({
      where: { id: ticket.mergedIntoId, workspaceId },
      select: { id: true, number: true, customerId: true, mergedIntoId: true, status: { select: { category: true } }, customer: { select: { email: true } } },
    });
  }
  return ticket && !ticket.mergedIntoId ? ticket : null;
}

/**
 * The ticket an e-mail answers. Ids are tried nearest first (In-Reply-To, then References from the end): our thread
 * id names the ticket, our reply's Message-ID names its outbox row, and a customer's earlier e-mail was linked to
 * its ticket when it arrived. Ids are unguessable, so any sender may use them. The subject token is a plain number,
 * so it only counts when the sender is that ticket's customer; anyone else writing "[#12]" opens a new ticket.
 */
async function threadTarget(tx: Tx, workspaceId: string, email: InboundEmail): Promise<{ target: ThreadTarget | null; note: string | null }> {
  const { refs } = threadRefsOf(email);
  const replyIds = refs.flatMap((ref) => (ref.kind === 'reply' ? [ref.outboundEmailId] : []));
  const otherIds = refs.flatMap((ref) => (ref.kind === 'other' ? [ref.messageId] : []));
  // One query after the other: a transaction is one connection, and the pg driver deprecates overlapping queries.
  const replies = replyIds.length
    ? await tx.outboundEmail.findMany({ where: { id: { in: replyIds }, workspaceId }, select: { id: true, ticketId: true } })
    : [];
  const earlier = otherIds.length
    ? await tx.inboundMessageKey.findMany({
        where: { workspaceId, source: 'EMAIL', externalId: { in: otherIds }, ticketId: { not: null } },
        select: { externalId: true, ticketId: true },
      })
    : [];
  for (const ref of refs) {
    const ticketId =
      ref.kind === 'thread'
        ? ref.ticketId
        : ref.kind === 'reply'
          ? replies.find((row) => row.id === ref.outboundEmailId)?.ticketId
          : earlier.find((row) => row.externalId === ref.messageId)?.ticketId;
    if (!ticketId) continue;
    const ticket = await liveTicket(tx, workspaceId, ticketId);
    if (!ticket) continue;
    const how = ref.kind === 'thread' ? 'its thread id' : ref.kind === 'reply' ? 'the Message-ID of our reply' : "the customer's earlier e-mail";
    return { target: targetOf(ticket, email, `by ${how}`), note: null };
  }
  const number = ticketNumberInSubject(email.subject);
  if (number === null) return { target: null, note: null };
  const byNumber = await tx.ticket.findFirst({ where: { workspaceId, number }, select: { id: true } });
  const ticket = byNumber ? await liveTicket(tx, workspaceId, byNumber.id) : null;
  if (!ticket) return { target: null, note: `subject token [#${number}] names no ticket` };
  if (ticket.customer.email !== email.from.address) {
    return { target: null, note: `subject token [#${number}] not used: the sender is not that ticket's customer` };
  }
  return { target: targetOf(ticket, email, `by the subject token [#${number}]`), note: null };
}

function targetOf(
  ticket: { id: string; number: number; customerId: string; status: { category: string }; customer: { email: string | null } },
  email: InboundEmail,
  how: string,
): ThreadTarget {
  return {
    ticket: { id: ticket.id, number: ticket.number, customerId: ticket.customerId, statusCategory: ticket.status.category },
    how,
    otherSender: ticket.customer.email !== email.from.address,
  };
}

/**
 * Stores the files a message keeps: at most `perMessage`, each within the size limit and of an accepted kind (the
 * same checks as uploads in the app). A refused file is dropped with its reason instead of refusing the e-mail.
 */
async function storeEmailAttachments(app: Pick<AppServices, 'config'>, attachments: readonly InboundAttachment[]) {
  const { perMessage, maxBytes } = app.config.attachments;
  const { candidates, dropped } = attachmentCandidates(attachments, maxBytes, formatMegabytes);
  const stored: StoredAttachment[] = [];
  try {
    for (const file of candidates) {
      const fileName = file.fileName ?? 'attachment';
      if (stored.length >= perMessage) {
        dropped.push({ fileName, reason: `at most ${perMessage} attachments per message` });
        continue;
      }
      try {
        stored.push(...(await storeUploads(app.config, [new File([new Uint8Array(file.content)], fileName)], 'attachments')));
      } catch (error) {
        if (!(error instanceof DeskgraphError)) throw error;
        dropped.push({ fileName, reason: refusalReason(error.message, fileName) });
      }
    }
  } catch (error) {
    await discardStoredAttachments(app.config, stored);
    throw error;
  }
  return { stored, dropped };
}

/** `"x.exe" cannot be attached: it is a Windows program (PE). Accepted are …` → "it is a Windows program (PE)". */
function refusalReason(message: string, fileName: string) {
  const withoutName = message.replace(`"${fileName}" cannot be attached: `, '').replace(`"${fileName}" is `, '');
  return withoutName.split('. Accepted are')[0].replace(/\.$/, '');
}

/**
 * The raw MIME of a delivery. Most providers post it as the body; SendGrid's Inbound Parse ("post the raw, full MIME
 * message") and Mailgun's forward-as-MIME post a form whose `email` or `body-mime` field holds it.
 */
async function rawMimeOf(delivery: { headers: Record<string, string>; rawBody: Buffer }): Promise<Buffer | null> {
  const contentType = delivery.headers['content-type'] ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(contentType)) return delivery.rawBody;
  try {
    const form = await new Response(new Uint8Array(delivery.rawBody), { headers: { 'content-type': contentType } }).formData();
    for (const field of MIME_FORM_FIELDS) {
      const value = form.get(field);
      if (typeof value === 'string') return Buffer.from(value, 'utf8');
      if (value instanceof Blob) return Buffer.from(await value.arrayBuffer());
    }
  } catch {
    // answered below
  }
  return null;
}
const MIME_FORM_FIELDS = ['email', 'body-mime'];

export const processInboundEmail: DeliveryProcessor = async (tx, emit, delivery, app) => {
  const workspaceId = delivery.workspaceId;
  const raw = await rawMimeOf(delivery);
  if (!raw) return ignored(`a form post without the e-mail in a field named ${MIME_FORM_FIELDS.join(' or ')}`);
  const parsed = await parseInboundEmail(raw);
  if (!parsed.ok) return ignored(parsed.reason);
  const { email, automated } = parsed;
  if (automated) {
    const from = email.from.address || 'the null sender';
    return ignored(`${automated.kind} (${automated.reason}) from ${from}: not answered, no ticket or reopen`);
  }
  const channel = delivery.productChannelId
    ? await tx.productChannel.findFirst({
        where: { id: delivery.productChannelId, product: { workspaceId } },
        select: { productId: true, settings: true, product: { select: { workspace: { select: { supportEmail: true } } } } },
      })
    : null;
  if (!channel) return ignored('the e-mail channel this delivery came in on no longer exists');
  // Our own e-mail coming back (a forward rule, a misrouted copy): taking it in would answer ourselves, in a loop.
  if (email.messageId && outboundEmailIdOfMessageId(email.messageId)) return ignored(`our own reply ${email.messageId} came back: not taken in`);
  const ownAddresses = [channel.product.workspace.supportEmail, (channel.settings as Record<string, unknown> | null)?.address]
    .filter((address): address is string => typeof address === 'string' && address.length > 0)
    .map((address) => address.trim().toLowerCase());
  if (ownAddresses.includes(email.from.address)) return ignored(`sent from our own address ${email.from.address}: not taken in`);

  const key = { workspaceId, source: 'EMAIL' as const, externalId: email.dedupKey };
  if (!(await claimInboundMessage(tx, key))) {
    return ignored(`duplicate: ${email.messageId ? `Message-ID ${email.messageId}` : 'the same e-mail'} was received before`);
  }
  const { target, note: threadNote } = await threadTarget(tx, workspaceId, email);
  const files = await storeEmailAttachments(app, email.attachments);
  try {
    const droppedNote = droppedFilesNote(files.dropped);
    const notes: string[] = [];
    let result: { ticketId: string; messageId: string; outcome: string };
    if (target) {
      if (target.otherSender) notes.push(`Sent by ${email.from.name ? `${email.from.name} <${email.from.address}>` : email.from.address}`);
      if (droppedNote) notes.push(droppedNote);
      const body = messageBodyOf(withoutQuotedReply(email.text), notes, files.stored.length > 0);
      const writer = { workspaceId, actor: target.otherSender ? 'system' : `customer:${target.ticket.customerId}`, via: 'EMAIL' };
      const message = await addCustomerMessageInTx(tx, emit, writer, target.ticket.id, body);
      const reopened = target.ticket.statusCategory === 'RESOLVED' || target.ticket.statusCategory === 'CLOSED';
      result = {
        ticketId: target.ticket.id,
        messageId: message.id,
        outcome: `added to ticket #${target.ticket.number} (${target.how})${reopened ? ', reopened it' : ''}`,
      };
    } else {
      if (droppedNote) notes.push(droppedNote);
      const created = await createCustomerTicketInTx(tx, emit, { workspaceId, actor: 'system', via: 'EMAIL' }, {
        productId: channel.productId,
        channel: 'EMAIL',
        customer: { name: email.from.name || email.from.address.split('@')[0], email: email.from.address },
        subject: email.subject || '(no subject)',
        body: messageBodyOf(email.text, notes, files.stored.length > 0),
      });
      result = { ticketId: created.ticket.id, messageId: created.message.id, outcome: `new ticket #${created.ticket.number}` };
      if (threadNote) result.outcome += ` (${threadNote})`;
    }
    await recordAttachments(tx, files.stored, { workspaceId, ticketId: result.ticketId, messageId: result.messageId });
    await linkInboundMessage(tx, key, { ticketId: result.ticketId, ticketMessageId: result.messageId });
    const kept = files.stored.length > 0 ? `; ${files.stored.length} attachment${files.stored.length === 1 ? '' : 's'} kept` : '';
    return { status: 'PROCESSED', outcome: `${result.outcome}${kept}${droppedNote ? `; ${droppedNote}` : ''}` };
  } catch (error) {
    // The transaction fails with this error; its files must not stay behind without rows.
    await discardStoredAttachments(app.config, files.stored);
    throw error;
  }
};
