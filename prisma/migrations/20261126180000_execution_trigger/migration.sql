-- How an execution was started, for the run list's filter and the execution page's header:
-- manual (the app, signed in by session) | api (an API token) | cli | webhook | schedule | subworkflow | replay.
ALTER TABLE "Execution" ADD COLUMN "trigger" TEXT NOT NULL DEFAULT 'api';

-- Executions started before this migration: what their rows still tell (only rows that differ from
-- the default are rewritten).
UPDATE "Execution" SET "trigger" = CASE
    WHEN "parentExecutionId" IS NOT NULL THEN 'subworkflow'
    WHEN "replayOfId" IS NOT NULL THEN 'replay'
    ELSE 'cli'
  END
 WHERE "parentExecutionId" IS NOT NULL OR "replayOfId" IS NOT NULL OR "graph" IS NOT NULL;

-- The run list pages by ("createdAt", id) descending within a workflow: the id breaks ties, so a page
-- boundary is exact even when rows share a millisecond. Replaces the index without the tie-breaker.
DROP INDEX "Execution_workflowId_createdAt_idx";
CREATE INDEX "Execution_workflowId_createdAt_id_idx" ON "Execution"("workflowId", "createdAt" DESC, "id" DESC);
