// The e-mail outbox sender. Replies write OutboundEmail rows in their own transaction; this worker sends them over
// SMTP. Every instance runs it: a row is claimed with `FOR UPDATE SKIP LOCKED` and leased (its next attempt moved
// past the send's time-outs) in one statement, so exactly one instance sends it. A failure is retried with backoff
// until the attempts are used up; nothing is lost while the mail server is away.
import type { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { log } from '../log.js';
import { attachmentStorageOf } from '../attachments/service.js';
import { outcomeOfFailure } from './retry.js';
import { outboundMessageId, replyThreading } from './threading.js';
import { coalescingRunner, every } from '../workers/serial-runner.js';

export interface MailWorkerOptions {
  prisma: PrismaClient;
  config: Pick<Config, 'mail' | 'attachments'>;
  batchSize?: number;
}

// SMTP time-outs bound one send; the lease is longer, so a row is never sent by two instances at once.
const SMTP_TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
const LEASE_SECONDS = 600;

interface ClaimedRow {
  id: string;
  attempts: number;
}

/** The SMTP URL with our time-outs, unless the operator set their own in its query string. */
function transportUrl(smtpUrl: string) {
  const url = new URL(smtpUrl);
  for (const [name, value] of Object.entries(SMTP_TIMEOUTS_MS)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/**
 * Permanent refusals (5xx) are not worth retrying. A file missing from storage is retried: with disk storage that
 * is not shared between instances, another instance may hold it.
 */
function isPermanent(error: unknown) {
  const smtp = error as { permanent?: boolean; responseCode?: number };
  return smtp.permanent === true || (typeof smtp.responseCode === 'number' && smtp.responseCode >= 500 && smtp.responseCode < 600);
}

export type MailWorker = ReturnType<typeof createMailWorker>;

export function createMailWorker({ prisma, config, batchSize = 10 }: MailWorkerOptions) {
  const { smtpUrl, from: defaultFrom, pollMs, maxAttempts, retryBaseMs } = config.mail;
  const transport = smtpUrl ? nodemailer.createTransport(transportUrl(smtpUrl)) : null;
  const storage = attachmentStorageOf(config);

  let timer: ReturnType<typeof every> | undefined;
  let stopped = false;

  async function claim(): Promise<ClaimedRow[]> {
    return prisma.$queryRaw<ClaimedRow[]>`
      UPDATE "OutboundEmail" SET "attempts" = "attempts" + 1, "nextAttemptAt" = now() + make_interval(secs => ${LEASE_SECONDS}::int)
       WHERE "id" IN (SELECT "id" FROM "OutboundEmail" WHERE "status" = 'PENDING' AND "nextAttemptAt" <= now()
                       ORDER BY "nextAttemptAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
      RETURNING "id", "attempts"`;
  }

  async function send(row: ClaimedRow) {
    const email = await prisma.outboundEmail.findUnique({
      where: { id: row.id },
      include: { message: { select: { visibility: true, authorKind: true, createdAt: true, attachments: { orderBy: { createdAt: 'asc' } } } } },
    });
    if (!email) return; // its ticket was deleted meanwhile
    // The customer's own e-mails on this ticket up to this reply (src/channels/email-processor.ts keeps their
    // Message-IDs), so the reply answers the last one in the customer's mail client. Both times are the app's
    // transaction times, so they compare even when a test moves the clock.
    const repliedAt = email.message?.createdAt ?? email.createdAt;
    const customerEmails = await prisma.inboundMessageKey.findMany({
      where: { workspaceId: email.workspaceId, source: 'EMAIL', ticketId: email.ticketId, createdAt: { lte: repliedAt } },
      orderBy: { createdAt: 'asc' },
      select: { externalId: true },
    });
    const workspace = await prisma.workspace.findUniqueOrThrow({
      where: { id: email.workspaceId },
      select: { name: true, supportEmail: true },
    });
    // Only a public reply's files go to the customer (private notes never produce e-mail in the first place).
    const files = email.message?.visibility === 'PUBLIC' ? email.message.attachments : [];
    const attachments: { filename: string; contentType: string; content: Readable }[] = [];
    try {
      for (const file of files) {
        attachments.push({ filename: file.fileName, contentType: file.contentType, content: await storage.get(file.storageKey) });
      }
      const threading = replyThreading(
        email.ticketId,
        customerEmails.map((row) => row.externalId).filter((id) => id.startsWith('<')),
      );
      await transport!.sendMail({
        from: { name: workspace.name, address: workspace.supportEmail ?? defaultFrom! },
        to: email.toAddress,
        subject: email.subject,
        text: email.textBody,
        messageId: outboundMessageId(email.id),
        ...threading,
        // A rule's automatic reply says so (RFC 3834), so the customer's own auto-responder does not answer it.
        ...(email.message?.authorKind === 'SYSTEM' ? { headers: { 'Auto-Submitted': 'auto-replied' } } : {}),
        attachments,
      });
    } finally {
      // A failed send may leave files unread; their handles are closed either way (the next try opens them again).
      for (const attachment of attachments) attachment.content.destroy();
    }
  }

  async function deliver(row: ClaimedRow) {
    try {
      await send(row);
    } catch (error) {
      const lastError = String((error as Error)?.message ?? error).slice(0, 1000);
      const outcome = outcomeOfFailure(row.attempts, maxAttempts, isPermanent(error), retryBaseMs);
      log.warn('e-mail not sent', { outboundEmailId: row.id, attempt: row.attempts, outcome: outcome.status, error: lastError });
      // `attempts` in the condition: only the instance holding this attempt's lease may write its result.
      await (outcome.status === 'FAILED'
        ? prisma.$executeRaw`UPDATE "OutboundEmail" SET "status" = 'FAILED', "lastError" = ${lastError}
             WHERE "id" = ${row.id}::uuid AND "attempts" = ${row.attempts} AND "status" = 'PENDING'`
        : prisma.$executeRaw`UPDATE "OutboundEmail" SET "lastError" = ${lastError},
             "nextAttemptAt" = now() + make_interval(secs => ${outcome.retryInMs / 1000}::double precision)
             WHERE "id" = ${row.id}::uuid AND "attempts" = ${row.attempts} AND "status" = 'PENDING'`);
      return;
    }
    // Sent. Should this write fail, the lease runs out and the e-mail goes again: at least once, never lost.
    await prisma.$executeRaw`UPDATE "OutboundEmail" SET "status" = 'SENT', "sentAt" = now(), "lastError" = NULL
       WHERE "id" = ${row.id}::uuid AND "attempts" = ${row.attempts}`;
  }

  const drains = coalescingRunner(
    async () => {
      for (;;) {
        if (stopped) break;
        const rows = await claim();
        for (const row of rows) await deliver(row);
        if (rows.length < batchSize) break;
      }
    },
    // The database is away; claimed rows come back when their lease ends, the next poll tries again.
    (error) => log.warn('e-mail outbox could not run', { error: error.message }),
  );

  /** Sends what is due now; concurrent calls share one run. */
  function drain(): Promise<void> {
    if (!transport) return Promise.resolve();
    return drains.trigger();
  }

  return {
    /** True when SMTP_URL is set. */
    enabled: !!transport,
    drain,
    /** Send soon (after a commit that wrote outbox rows). */
    kick: () => void drain(),
    start() {
      if (!transport) {
        log.info('e-mail is disabled: SMTP_URL is not set, so replies wait in the outbox until it is');
        return;
      }
      stopped = false;
      // Polling is what picks up rows: replies do not wake this worker, and a retry becomes due by time alone.
      timer = every(pollMs, () => void drain());
      void drain();
    },
    async stop() {
      stopped = true;
      timer?.stop();
      await drains.settled();
      transport?.close();
    },
  };
}
