-- CreateEnum
CREATE TYPE "TicketFieldType" AS ENUM ('TEXT', 'NUMBER', 'CHECKBOX', 'DROPDOWN', 'DATE');

-- CreateEnum
CREATE TYPE "PresenceStatus" AS ENUM ('ONLINE', 'BREAK', 'INVISIBLE', 'OFFLINE');

-- CreateEnum
CREATE TYPE "ConversationStatus" AS ENUM ('QUEUED', 'ACTIVE', 'RESOLVED');

-- CreateEnum
CREATE TYPE "ConversationMessageKind" AS ENUM ('TEXT', 'ATTACHMENT', 'EVENT');

-- CreateEnum
CREATE TYPE "ConversationActivityKind" AS ENUM ('ASSIGNED', 'FIRST_RESPONSE', 'RESOLVED', 'TRANSFERRED', 'REACTIVATED');

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "customFields" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "TicketField" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "TicketFieldType" NOT NULL,
    "options" TEXT[],
    "required" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TicketField_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentPresence" (
    "userId" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "status" "PresenceStatus" NOT NULL DEFAULT 'OFFLINE',
    "changedAt" TIMESTAMPTZ(3) NOT NULL,
    "changedBy" TEXT NOT NULL,
    "maxConcurrentChats" INTEGER NOT NULL DEFAULT 5,
    "chatChannels" "Channel"[],
    "lastAssignedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AgentPresence_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "customerId" UUID NOT NULL,
    "visitorId" UUID,
    "status" "ConversationStatus" NOT NULL,
    "assigneeUserId" UUID,
    "topicId" UUID,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL,
    "assignedAt" TIMESTAMPTZ(3),
    "firstResponseAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedBy" TEXT,
    "endedByCustomerAt" TIMESTAMPTZ(3),
    "lastCustomerMessageAt" TIMESTAMPTZ(3),
    "lastMessageAt" TIMESTAMPTZ(3),
    "ticketId" UUID,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationMessage" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "kind" "ConversationMessageKind" NOT NULL DEFAULT 'TEXT',
    "authorKind" "AuthorKind" NOT NULL,
    "author" TEXT NOT NULL,
    "authorUserId" UUID,
    "body" TEXT NOT NULL,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sequence" BIGSERIAL NOT NULL,

    CONSTRAINT "ConversationMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationActivity" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" "ConversationActivityKind" NOT NULL,
    "productId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "durationSeconds" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConversationActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatVisitor" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChatVisitor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TicketField_workspaceId_position_idx" ON "TicketField"("workspaceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "TicketField_workspaceId_key_key" ON "TicketField"("workspaceId", "key");

-- CreateIndex
CREATE INDEX "AgentPresence_workspaceId_status_idx" ON "AgentPresence"("workspaceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_ticketId_key" ON "Conversation"("ticketId");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_status_queuedAt_idx" ON "Conversation"("workspaceId", "status", "queuedAt");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_assigneeUserId_status_idx" ON "Conversation"("workspaceId", "assigneeUserId", "status");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_resolvedAt_idx" ON "Conversation"("workspaceId", "resolvedAt");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_customerId_idx" ON "Conversation"("workspaceId", "customerId");

-- CreateIndex
CREATE INDEX "ConversationMessage_conversationId_createdAt_idx" ON "ConversationMessage"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "ConversationActivity_workspaceId_at_idx" ON "ConversationActivity"("workspaceId", "at");

-- CreateIndex
CREATE INDEX "ConversationActivity_workspaceId_userId_at_idx" ON "ConversationActivity"("workspaceId", "userId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ChatVisitor_tokenHash_key" ON "ChatVisitor"("tokenHash");

-- CreateIndex
CREATE INDEX "ChatVisitor_workspaceId_productId_idx" ON "ChatVisitor"("workspaceId", "productId");

-- AddForeignKey
ALTER TABLE "AgentPresence" ADD CONSTRAINT "AgentPresence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_visitorId_fkey" FOREIGN KEY ("visitorId") REFERENCES "ChatVisitor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_assigneeUserId_fkey" FOREIGN KEY ("assigneeUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "TicketTopic"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationMessage" ADD CONSTRAINT "ConversationMessage_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationMessage" ADD CONSTRAINT "ConversationMessage_authorUserId_fkey" FOREIGN KEY ("authorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationActivity" ADD CONSTRAINT "ConversationActivity_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatVisitor" ADD CONSTRAINT "ChatVisitor_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
