-- AlterTable
ALTER TABLE "Execution" ADD COLUMN "nodeRunCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "admissionDeferred" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "WorkerHeartbeat" ADD COLUMN "ephemeral" BOOLEAN NOT NULL DEFAULT false;

-- Not expressible in schema.prisma: partial indexes for admission control
-- (active executions per workflow; executions refused for lack of a slot).
CREATE INDEX "Execution_active_workflowId_idx" ON "Execution"("workflowId") WHERE "status" IN ('running', 'waiting');
CREATE INDEX "Execution_deferred_workflowId_idx" ON "Execution"("workflowId", "priority" DESC, "createdAt") WHERE "admissionDeferred";
