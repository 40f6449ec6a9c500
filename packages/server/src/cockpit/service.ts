// Reads the cockpit for a supervisor: resolves the filter against the workspace (its zone decides what "today" is),
// runs the one aggregate statement and shapes the rows. Used by the `cockpit` query and every subscription push.
import type { AppServices } from '../context.js';
import { notFound } from '../errors.js';
import type { Channel } from '../generated/prisma/enums.js';
import { namePattern } from '../search/turkish-fold.js';
import { cockpitDay, cockpitRows, type CockpitRow } from './metrics.js';
import { readCockpit } from './query.js';

export interface CockpitRequest {
  workspaceId: string;
  productId: string | null;
  channel: Channel | null;
  search: string | null;
}

/** NOT_FOUND for a product of another workspace (no hint that it exists), before anything is read. */
export async function checkCockpitProduct(app: AppServices, workspaceId: string, productId: string | null) {
  if (!productId) return;
  const product = await app.db.prisma.product.findFirst({ where: { id: productId, workspaceId }, select: { id: true } });
  if (!product) throw notFound('Product', 'productId');
}

export interface CockpitSnapshot {
  rows: CockpitRow[];
  /** When today (in the workspace's zone) ends: the counters start again from zero then. */
  dayEndsAt: Date;
}

export async function readCockpitSnapshot(app: AppServices, request: CockpitRequest): Promise<CockpitSnapshot> {
  const workspace = await app.db.prisma.workspace.findUniqueOrThrow({
    where: { id: request.workspaceId },
    select: { timeZone: true, language: true },
  });
  const now = app.clock.now();
  const day = cockpitDay(now, workspace.timeZone);
  const aggregates = await readCockpit(app.db.prisma, {
    workspaceId: request.workspaceId,
    from: day.from,
    to: day.to,
    productId: request.productId,
    channel: request.channel,
    namePattern: namePattern(request.search),
  });
  return { rows: cockpitRows(aggregates, now, workspace.language), dayEndsAt: day.to };
}
