-- CreateIndex
CREATE INDEX "Ticket_workspaceId_createdAt_idx" ON "Ticket"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_workspaceId_resolvedAt_idx" ON "Ticket"("workspaceId", "resolvedAt");
