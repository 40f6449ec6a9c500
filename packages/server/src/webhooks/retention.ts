// Keeps provider traffic from growing without end: stored webhook deliveries, and finished customer-media fetches,
// older than WEBHOOK_RETENTION_DAYS are deleted. Work still to do (RECEIVED deliveries, PENDING fetches) is never.
import type { AppServices } from '../context.js';
import { log } from '../log.js';

/** How often each instance prunes; deleting is idempotent, so every instance may, without a lease. */
export const WEBHOOK_PRUNE_EVERY_MS = 10 * 60_000;

export interface PruneResult {
  deliveries: number;
  mediaFetches: number;
}

/** One pass; errors are logged and the next tick tries again. Old FAILED deliveries went past their retries long ago. */
export async function pruneWebhookData(app: AppServices): Promise<PruneResult> {
  const days = app.config.webhooks.retentionDays;
  const cutoff = new Date(app.clock.now().getTime() - days * 86_400_000);
  const prisma = app.db.prisma;
  try {
    const deliveries = await prisma.$executeRaw`
      DELETE FROM "WebhookDelivery" WHERE "receivedAt" < ${cutoff}::timestamptz AND "status" <> 'RECEIVED'`;
    const mediaFetches = await prisma.$executeRaw`
      DELETE FROM "InboundMediaFetch" WHERE "createdAt" < ${cutoff}::timestamptz AND "status" IN ('DONE', 'FAILED')`;
    if (deliveries + mediaFetches > 0) log.info('webhook data pruned', { deliveries, mediaFetches, retentionDays: days });
    return { deliveries, mediaFetches };
  } catch (error) {
    log.warn('webhook pruning failed', { error: (error as Error).message });
    return { deliveries: 0, mediaFetches: 0 };
  }
}
