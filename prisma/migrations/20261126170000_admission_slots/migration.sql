-- Admission slots as rows (src/server/execution/admission.ts): an admitted execution holds one
-- (owner, slot) with slot < the quota; the primary key makes the quota exact without a lock.
CREATE TABLE "AdmissionSlot" (
    "owner" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "executionId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdmissionSlot_pkey" PRIMARY KEY ("owner","slot")
);

CREATE UNIQUE INDEX "AdmissionSlot_executionId_key" ON "AdmissionSlot"("executionId");

ALTER TABLE "AdmissionSlot" ADD CONSTRAINT "AdmissionSlot_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Executions admitted before this migration keep their places.
INSERT INTO "AdmissionSlot" ("owner", "slot", "executionId")
SELECT coalesce("workflowId", 'adhoc'),
       (row_number() OVER (PARTITION BY "workflowId" ORDER BY "createdAt", "id") - 1)::int,
       "id"
  FROM "Execution"
 WHERE "status" IN ('running', 'waiting');
