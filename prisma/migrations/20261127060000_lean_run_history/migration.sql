-- Every engine step writes its node runs and events in one statement (src/server/execution/save-step.ts):
-- a loop over 1,000 items writes ≈ 2,000 rows at once. Two costs per row went:
--
-- 1. The foreign keys to "Execution". Postgres checks one per inserted row (a query locking the
--    execution's row FOR KEY SHARE): 17 % of the loop's step statement, 28 % of a 40-step chain's
--    (scripts/bench/profile-transition.ts). The rows they guarded are written only by that statement,
--    which has just updated (so holds) the execution's row — locked path and guarded path alike — so the
--    execution exists when they are written and cannot be deleted before they commit. ON DELETE CASCADE
--    becomes a statement trigger on "Execution" (below), which deletes them as the constraint did.
--
-- 2. Surrogate ids nothing reads: NodeRun.id (a uuid, gen_random_uuid() per row) and ExecutionEvent.id
--    (a sequence, nextval per row), each with its own primary-key index. The unique keys every reader
--    uses, (executionId, key) and (executionId, seq), become the primary keys (the existing indexes are
--    promoted, nothing is rebuilt).

ALTER TABLE "NodeRun" DROP CONSTRAINT "NodeRun_executionId_fkey";
ALTER TABLE "NodeRun" DROP CONSTRAINT "NodeRun_pkey";
ALTER TABLE "NodeRun" DROP COLUMN "id";
ALTER TABLE "NodeRun" ADD CONSTRAINT "NodeRun_pkey" PRIMARY KEY USING INDEX "NodeRun_executionId_key_key";

ALTER TABLE "ExecutionEvent" DROP CONSTRAINT "ExecutionEvent_executionId_fkey";
ALTER TABLE "ExecutionEvent" DROP CONSTRAINT "ExecutionEvent_pkey";
ALTER TABLE "ExecutionEvent" DROP COLUMN "id";
ALTER TABLE "ExecutionEvent" ADD CONSTRAINT "ExecutionEvent_pkey" PRIMARY KEY USING INDEX "ExecutionEvent_executionId_seq_key";

-- Deleting executions deletes their node runs and events, in the deleting statement (as the cascade did),
-- once per statement rather than once per row.
CREATE FUNCTION "switchyard_delete_run_history"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "NodeRun" WHERE "executionId" IN (SELECT id FROM gone);
  DELETE FROM "ExecutionEvent" WHERE "executionId" IN (SELECT id FROM gone);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Execution_delete_run_history" AFTER DELETE ON "Execution"
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION "switchyard_delete_run_history"();
