-- The admission quota (src/server/execution/admission.ts) is per user: the executions a signed-in
-- person (or their API token) started count against that person's quota, whichever workflows they run;
-- executions nobody started as a user (the local CLI, schedules, webhooks) count against their
-- workflow's; file runs against one shared "adhoc" owner.
--
-- "startedBy": the user who started the execution (a sub-workflow's child inherits its parent's). No
-- foreign key: the owner key must not change under a running execution (its slot is filed under it),
-- and users are disabled, not deleted.
-- "admissionOwner": the quota the execution counts against, fixed when the row is inserted — by the
-- trigger below, so that every way of inserting an execution (the API's statements, Prisma, tests)
-- files it under the same key. eager-start.ts computes the same key in JavaScript for the slot it claims
-- in the inserting statement (admissionOwnerOf); eager-start.int.test.ts checks the two agree.
ALTER TABLE "Execution" ADD COLUMN "startedBy" TEXT;
ALTER TABLE "Execution" ADD COLUMN "admissionOwner" TEXT;
UPDATE "Execution" SET "admissionOwner" = coalesce("workflowId", 'adhoc');
ALTER TABLE "Execution" ALTER COLUMN "admissionOwner" SET NOT NULL;

CREATE FUNCTION "switchyard_admission_owner"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."admissionOwner" := coalesce('user:' || NEW."startedBy", NEW."workflowId", 'adhoc');
  RETURN NEW;
END
$$;

CREATE TRIGGER "Execution_admission_owner" BEFORE INSERT ON "Execution"
  FOR EACH ROW EXECUTE FUNCTION "switchyard_admission_owner"();

-- Slots already taken were filed under the workflow id (or "adhoc"): the same key the rows above got.
-- The deferred executions of an owner, first in line first (admission.ts deferredOfOwner).
DROP INDEX "Execution_deferred_workflowId_idx";
CREATE INDEX "Execution_deferred_owner_idx" ON "Execution"("admissionOwner", "priority" DESC, "createdAt") WHERE "admissionDeferred";
