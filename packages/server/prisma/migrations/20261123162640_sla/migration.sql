-- CreateEnum
CREATE TYPE "RuleSet" AS ENUM ('TICKET', 'SLA');

-- CreateEnum
CREATE TYPE "SlaMetric" AS ENUM ('FIRST_RESPONSE', 'NEXT_RESPONSE', 'RESOLUTION', 'CHAT_RESPONSE');

-- CreateEnum
CREATE TYPE "SlaTargetStatus" AS ENUM ('ACTIVE', 'PAUSED', 'ACHIEVED', 'BREACHED');

-- DropIndex
DROP INDEX "Rule_workspaceId_name_key";

-- DropIndex
DROP INDEX "Rule_workspaceId_position_idx";

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "group" TEXT;

-- AlterTable
ALTER TABLE "Rule" ADD COLUMN     "ruleSet" "RuleSet" NOT NULL DEFAULT 'TICKET';

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "slaNextDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "slaPolicyId" UUID;

-- AlterTable
ALTER TABLE "TicketHistoryEntry" ADD COLUMN     "sequence" BIGSERIAL NOT NULL;

-- AlterTable
ALTER TABLE "TicketMessage" ADD COLUMN     "sequence" BIGSERIAL NOT NULL;

-- CreateTable
CREATE TABLE "BusinessCalendar" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "timeZone" TEXT NOT NULL,
    "weeklyHours" JSONB NOT NULL,
    "holidays" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BusinessCalendar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaPolicy" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "productIds" UUID[],
    "channels" "Channel"[],
    "priorities" "Priority"[],
    "calendarId" UUID,
    "targets" JSONB NOT NULL,
    "targetRate" DOUBLE PRECISION NOT NULL,
    "pauseWhenPending" BOOLEAN NOT NULL DEFAULT true,
    "warnAtPercent" INTEGER NOT NULL DEFAULT 80,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SlaPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaTarget" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "policyId" UUID,
    "policyName" TEXT NOT NULL,
    "metric" "SlaMetric" NOT NULL,
    "cycle" INTEGER NOT NULL DEFAULT 0,
    "status" "SlaTargetStatus" NOT NULL,
    "targetMinutes" INTEGER NOT NULL,
    "targetRate" DOUBLE PRECISION NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "dueAt" TIMESTAMPTZ(3),
    "warnAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "breachedAt" TIMESTAMPTZ(3),
    "elapsedSeconds" INTEGER NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,
    "warnedAt" TIMESTAMPTZ(3),
    "breachAlertedAt" TIMESTAMPTZ(3),
    "productId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "priority" "Priority" NOT NULL,
    "assigneeUserId" UUID,
    "assigneeTeamId" UUID,
    "customerId" UUID NOT NULL,

    CONSTRAINT "SlaTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BusinessCalendar_workspaceId_name_key" ON "BusinessCalendar"("workspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "SlaPolicy_workspaceId_name_key" ON "SlaPolicy"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "SlaTarget_workspaceId_startedAt_idx" ON "SlaTarget"("workspaceId", "startedAt");

-- CreateIndex
CREATE INDEX "SlaTarget_status_dueAt_idx" ON "SlaTarget"("status", "dueAt");

-- CreateIndex
CREATE INDEX "SlaTarget_status_warnAt_idx" ON "SlaTarget"("status", "warnAt");

-- CreateIndex
CREATE UNIQUE INDEX "SlaTarget_ticketId_metric_cycle_key" ON "SlaTarget"("ticketId", "metric", "cycle");

-- CreateIndex
CREATE INDEX "Rule_workspaceId_ruleSet_position_idx" ON "Rule"("workspaceId", "ruleSet", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Rule_workspaceId_ruleSet_name_key" ON "Rule"("workspaceId", "ruleSet", "name");

-- CreateIndex
CREATE INDEX "Ticket_workspaceId_slaNextDueAt_idx" ON "Ticket"("workspaceId", "slaNextDueAt");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_slaPolicyId_fkey" FOREIGN KEY ("slaPolicyId") REFERENCES "SlaPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaPolicy" ADD CONSTRAINT "SlaPolicy_calendarId_fkey" FOREIGN KEY ("calendarId") REFERENCES "BusinessCalendar"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaTarget" ADD CONSTRAINT "SlaTarget_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaTarget" ADD CONSTRAINT "SlaTarget_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "SlaPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;
