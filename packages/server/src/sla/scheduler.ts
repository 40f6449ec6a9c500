// SLA scheduler: flips running targets to BREACHED at their due time and sends warnings, exactly once across
// instances (rows claimed with FOR UPDATE SKIP LOCKED, the alert flag set in the same transaction as the event),
// catching up on whatever came due while no instance ran: catch-up is the same query with an older `dueAt`.
import type { AppServices } from '../context.js';
import type { Tx } from '../events/write.js';
import { log } from '../log.js';
import { every, queuedRunner } from '../workers/serial-runner.js';

/** Rows claimed per transaction: small enough to keep locks short, large enough for a burst of breaches. */
const BATCH = 500;

interface Batch {
  claimed: number;
  alerts: number;
}

interface ClaimedTarget {
  id: string;
  workspaceId: string;
  ticketId: string;
  policyId: string | null;
  metric: string;
  cycle: number;
  dueAt: Date;
  ticketNumber: number;
}

export function createSlaScheduler(app: Pick<AppServices, 'db' | 'events' | 'clock' | 'config'>) {
  const prisma = app.db.prisma;
  let timer: ReturnType<typeof every> | undefined;
  let stopped = false;

  const alertPayload = (row: ClaimedTarget) => ({
    targetId: row.id,
    metric: row.metric,
    cycle: row.cycle,
    dueAt: row.dueAt.toISOString(),
    policyId: row.policyId,
    ticketNumber: row.ticketNumber,
  });

  /**
   * Breaches: running targets past due, and targets a recomputation already found past due while still open, that
   * nobody was told of yet. A breach also marks the warning as sent: after downtime the breach is the news, a
   * warning for the same target would be stale. Targets completed late get no alert (the reply or resolution came,
   * too late; reports show it), they are only marked.
   */
  async function breachBatch(now: Date, workspaceId: string | null): Promise<Batch> {
    return prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<(ClaimedTarget & { completedAt: Date | null })[]>`
        SELECT g."id", g."workspaceId", g."ticketId", g."policyId", g."metric"::text AS "metric", g."cycle",
               coalesce(g."dueAt", g."breachedAt") AS "dueAt", g."completedAt", t."number" AS "ticketNumber"
          FROM "SlaTarget" g JOIN "Ticket" t ON t."id" = g."ticketId"
         WHERE ((g."status" = 'ACTIVE' AND g."dueAt" <= ${now}) OR g."status" = 'BREACHED') AND g."breachAlertedAt" IS NULL
           AND (${workspaceId}::uuid IS NULL OR g."workspaceId" = ${workspaceId}::uuid)
         ORDER BY g."dueAt" LIMIT ${BATCH}
           FOR UPDATE OF g SKIP LOCKED`;
      if (rows.length === 0) return { claimed: 0, alerts: 0 };
      const ids = rows.map((row) => row.id);
      await tx.$executeRaw`
        UPDATE "SlaTarget" SET "status" = 'BREACHED', "breachedAt" = coalesce("breachedAt", "dueAt"),
               "breachAlertedAt" = ${now}, "warnedAt" = coalesce("warnedAt", ${now})
         WHERE "id" = ANY(${ids}::uuid[])`;
      const alerted = rows.filter((row) => row.completedAt === null);
      if (alerted.length > 0) {
        await tx.event.createMany({
          data: alerted.map((row) => ({
            workspaceId: row.workspaceId,
            type: 'sla.breached',
            entityType: 'Ticket',
            entityId: row.ticketId,
            actor: 'system',
            payload: alertPayload(row),
            createdAt: now,
          })),
        });
      }
      await refreshNextDue(tx, [...new Set(rows.map((row) => row.ticketId))]);
      return { claimed: rows.length, alerts: alerted.length };
    });
  }

  async function warningBatch(now: Date, workspaceId: string | null): Promise<Batch> {
    return prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<ClaimedTarget[]>`
        SELECT g."id", g."workspaceId", g."ticketId", g."policyId", g."metric"::text AS "metric", g."cycle", g."dueAt",
               t."number" AS "ticketNumber"
          FROM "SlaTarget" g JOIN "Ticket" t ON t."id" = g."ticketId"
         WHERE g."status" = 'ACTIVE' AND g."warnAt" <= ${now} AND g."warnedAt" IS NULL AND g."dueAt" > ${now}
           AND (${workspaceId}::uuid IS NULL OR g."workspaceId" = ${workspaceId}::uuid)
         ORDER BY g."warnAt" LIMIT ${BATCH}
           FOR UPDATE OF g SKIP LOCKED`;
      if (rows.length === 0) return { claimed: 0, alerts: 0 };
      await tx.$executeRaw`UPDATE "SlaTarget" SET "warnedAt" = ${now} WHERE "id" = ANY(${rows.map((row) => row.id)}::uuid[])`;
      await tx.event.createMany({
        data: rows.map((row) => ({
          workspaceId: row.workspaceId,
          type: 'sla.warning',
          entityType: 'Ticket',
          entityId: row.ticketId,
          actor: 'system',
          payload: alertPayload(row),
          createdAt: now,
        })),
      });
      return { claimed: rows.length, alerts: rows.length };
    });
  }

  async function scan(workspaceId: string | null): Promise<number> {
    const now = app.clock.now();
    let alerts = 0;
    for (const batch of [breachBatch, warningBatch]) {
      for (;;) {
        const { claimed, alerts: sent } = await batch(now, workspaceId);
        alerts += sent;
        if (sent > 0) app.events.kick();
        if (claimed < BATCH || stopped) break;
      }
    }
    return alerts;
  }

  const scans = queuedRunner(scan);

  /**
   * One scan at a time per instance; a call during a scan waits for it and then runs its own. `workspaceId` limits
   * the scan to one workspace: tests with their own clock share a database with other tests' apps.
   */
  async function scanOnce(scope: { workspaceId?: string } = {}): Promise<number> {
    return scans.run(scope.workspaceId ?? null);
  }

  return {
    start() {
      stopped = false;
      timer = every(app.config.sla.scanMs, () => {
        if (scans.busy) return;
        scanOnce().catch((error: Error) => log.warn('sla scan failed', { error: error.message }));
      });
    },
    async stop() {
      stopped = true;
      timer?.stop();
      timer = undefined;
      await scans.settled();
    },
    /** One pass (tests and the timer); how many alerts (breach and warning events) it sent. */
    scanOnce,
  };
}

/** slaNextDueAt follows the targets that are still running (a breached target is no longer "next due"). */
async function refreshNextDue(tx: Tx, ticketIds: string[]) {
  await tx.$executeRaw`
    UPDATE "Ticket" t SET "slaNextDueAt" = (
      SELECT min(g."dueAt") FROM "SlaTarget" g WHERE g."ticketId" = t."id" AND g."status" = 'ACTIVE')
     WHERE t."id" = ANY(${ticketIds}::uuid[])`;
}
