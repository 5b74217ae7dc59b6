-- AlterTable
ALTER TABLE "Execution" ADD COLUMN "nodeRunCount" INTEGER NOT NULL DEFAULT 0;
