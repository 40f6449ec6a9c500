-- CreateEnum
CREATE TYPE "MessageDeliveryStatus" AS ENUM ('PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED');

-- CreateEnum
CREATE TYPE "WebhookSource" AS ENUM ('WHATSAPP', 'MESSENGER', 'INSTAGRAM', 'EMAIL', 'WEB_FORM');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('RECEIVED', 'PROCESSED', 'IGNORED', 'FAILED', 'REJECTED');

-- CreateEnum
CREATE TYPE "OutboundChannelStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "ConversationMessage" ADD COLUMN     "deletedAt" TIMESTAMPTZ(3),
ADD COLUMN     "deliveryError" TEXT,
ADD COLUMN     "deliveryStatus" "MessageDeliveryStatus",
ADD COLUMN     "deliveryUpdatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "metadata" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "productChannelId" UUID,
    "source" "WebhookSource" NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "rawBody" BYTEA NOT NULL,
    "signatureValid" BOOLEAN,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'RECEIVED',
    "outcome" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundMessageKey" (
    "workspaceId" UUID NOT NULL,
    "source" "WebhookSource" NOT NULL,
    "externalId" TEXT NOT NULL,
    "conversationMessageId" UUID,
    "ticketMessageId" UUID,
    "ticketId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundMessageKey_pkey" PRIMARY KEY ("workspaceId","source","externalId")
);

-- CreateTable
CREATE TABLE "OutboundChannelMessage" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "productChannelId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "conversationMessageId" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboundChannelStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboundChannelMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_workspaceId_source_receivedAt_idx" ON "WebhookDelivery"("workspaceId", "source", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_receivedAt_idx" ON "WebhookDelivery"("status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundChannelMessage_conversationMessageId_key" ON "OutboundChannelMessage"("conversationMessageId");

-- CreateIndex
CREATE INDEX "OutboundChannelMessage_status_nextAttemptAt_idx" ON "OutboundChannelMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ConversationMessage_workspaceId_externalId_idx" ON "ConversationMessage"("workspaceId", "externalId");

-- AddForeignKey
ALTER TABLE "OutboundChannelMessage" ADD CONSTRAINT "OutboundChannelMessage_conversationMessageId_fkey" FOREIGN KEY ("conversationMessageId") REFERENCES "ConversationMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
