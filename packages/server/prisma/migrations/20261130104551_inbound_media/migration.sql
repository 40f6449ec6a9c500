-- CreateEnum
CREATE TYPE "MediaFetchStatus" AS ENUM ('PENDING', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "conversationMessageId" UUID;

-- CreateTable
CREATE TABLE "InboundMediaFetch" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "conversationMessageId" UUID NOT NULL,
    "productChannelId" UUID NOT NULL,
    "media" JSONB NOT NULL,
    "status" "MediaFetchStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundMediaFetch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboundMediaFetch_status_nextAttemptAt_idx" ON "InboundMediaFetch"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Attachment_conversationMessageId_idx" ON "Attachment"("conversationMessageId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_conversationMessageId_fkey" FOREIGN KEY ("conversationMessageId") REFERENCES "ConversationMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundMediaFetch" ADD CONSTRAINT "InboundMediaFetch_conversationMessageId_fkey" FOREIGN KEY ("conversationMessageId") REFERENCES "ConversationMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
