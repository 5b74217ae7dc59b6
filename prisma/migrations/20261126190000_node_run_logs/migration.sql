-- What a `code` node's console printed during one attempt: [{ "level", "message" }, …], at most
-- 100 lines of at most 2,000 characters (plus one "… N more lines not kept"). NULL when nothing.
ALTER TABLE "NodeRun" ADD COLUMN "logs" JSONB;
