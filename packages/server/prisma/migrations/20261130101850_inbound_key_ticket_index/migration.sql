-- CreateIndex
CREATE INDEX "InboundMessageKey_ticketId_idx" ON "InboundMessageKey"("ticketId");
