-- A workflow's draft: the editor's unpublished canvas, kept even when it does not validate
-- (a draft may be saved while it has problems; only valid documents become versions, and
-- only versions run). Publishing a version clears the draft.
ALTER TABLE "Workflow" ADD COLUMN "draft" JSONB;
ALTER TABLE "Workflow" ADD COLUMN "draftBaseVersion" INTEGER;
ALTER TABLE "Workflow" ADD COLUMN "draftSavedAt" TIMESTAMP(3);
