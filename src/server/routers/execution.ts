import { z } from "zod";
import { publicProcedure, router } from "@/server/trpc/init";
import { cancelExecution, decideApproval, startExecutionRequest } from "@/server/execution/execution-service";
import { readExecutionReport } from "@/server/execution/execution-report";
import type { Json } from "@/engine/execution-types";

const Id = z.string().min(1, "id is required").max(100);
const JsonValue = z.json();

/** A person's decision on a pending approval task (the signal an `approval` node waits for). */
const Decision = z.object({
  taskId: Id,
  decision: z.enum(["approved", "rejected"]),
  data: JsonValue.optional(),
  comment: z.string().max(5000).optional(),
});
const decide = publicProcedure
  .input(Decision)
  .mutation(({ ctx, input }) => decideApproval(ctx.pool, { ...input, data: input.data as Json | undefined }));

export const executionRouter = router({
  start: publicProcedure
    .input(
      z.object({
        workflowId: Id,
        input: JsonValue.optional(),
        mode: z.enum(["normal", "test", "debug"]).optional(),
        priority: z.number().int().min(-100).max(100).optional(),
        idempotencyKey: z.string().min(1).max(200).optional(),
      }),
    )
    .mutation(({ ctx, input }) => startExecutionRequest(ctx.pool, { ...input, input: input.input as Json | undefined })),
  get: publicProcedure.input(z.object({ id: Id })).query(({ ctx, input }) => readExecutionReport(ctx.pool, input.id)),
  cancel: publicProcedure.input(z.object({ id: Id })).mutation(({ ctx, input }) => cancelExecution(ctx.pool, input.id)),
  /** Deliver a signal to a waiting node. Today: the decision of an approval task. */
  signal: decide,
});

export const approvalRouter = router({
  decide,
  pending: publicProcedure.query(({ ctx }) =>
    ctx.db.approvalTask.findMany({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, take: 200 }),
  ),
});
