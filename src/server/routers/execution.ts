import { z } from "zod";
import { authedProcedure, roleProcedure, router, type Context } from "@/server/trpc/init";
import { cancelExecution, EXECUTION_TRIGGERS, startExecutionRequest } from "@/server/execution/execution-service";
import { readExecutionReport } from "@/server/execution/execution-report";
import { listExecutions } from "@/server/execution/list-executions";
import { readExecutionDetail } from "@/server/execution/execution-detail";
import { readNodeRuns } from "@/server/execution/node-runs";
import { EXECUTION_STATUSES } from "@/lib/live-events";
import { countPendingApprovals, decideAssignedApproval, listPendingApprovals } from "@/server/auth/approval-access";
import type { CurrentUser } from "@/server/auth/current-user";
import type { Json } from "@/engine/execution-types";
import { MAX_EVENTS_PER_READ, readExecutionEvents } from "@/server/live/read-events";

const Id = z.string().min(1, "id is required").max(100);
const JsonValue = z.json();

/** Running and stopping: builders and admins. Reading: any signed-in role. */
const builder = roleProcedure("builder", "admin");

/** The run list's query: a workflow's executions, newest first, filtered, a page at a time. */
const ListRequest = z.object({
  workflowId: Id,
  status: z.array(z.enum(EXECUTION_STATUSES)).max(EXECUTION_STATUSES.length).optional(),
  trigger: z.enum(EXECUTION_TRIGGERS).optional(),
  /** `nextCursor` of the previous page (null or absent: the first page, as tRPC's infinite queries send it). */
  cursor: z.string().min(1).max(500).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});

/**
 * A person's decision on a pending approval task (the signal an `approval` node
 * waits for). Any signed-in role may try; the task's assignees decide who may
 * (approval-access.ts), and the decision is recorded as made by the user's email.
 */
const Decision = z.object({
  taskId: Id,
  decision: z.enum(["approved", "rejected"]),
  data: JsonValue.optional(),
  comment: z.string().max(5000).optional(),
});
const decideAsUser = ({ ctx, input }: { ctx: Context & { user: CurrentUser }; input: z.infer<typeof Decision> }) =>
  decideAssignedApproval(ctx.db, ctx.pool, { user: ctx.user, ip: ctx.ip }, { ...input, data: input.data as Json | undefined });

export const executionRouter = router({
  start: builder
    .input(
      z.object({
        workflowId: Id,
        input: JsonValue.optional(),
        mode: z.enum(["normal", "test", "debug"]).optional(),
        priority: z.number().int().min(-100).max(100).optional(),
        idempotencyKey: z.string().min(1).max(200).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      startExecutionRequest(ctx.pool, {
        ...input,
        input: input.input as Json | undefined,
        trigger: ctx.via === "token" ? "api" : "manual",
        startedBy: ctx.user.id,
        eager: true,
      }),
    ),
  list: authedProcedure.input(ListRequest).query(({ ctx, input }) => listExecutions(ctx.pool, input)),
  /** One execution with the document of the version it ran (the run view's graph). */
  detail: authedProcedure.input(z.object({ id: Id })).query(({ ctx, input }) => readExecutionDetail(ctx.pool, input.id)),
  /** Every run of its nodes (or of one node), in engine order; the newest 1000 at most (`truncated`). */
  nodeRuns: authedProcedure
    .input(z.object({ id: Id, nodeId: z.string().min(1).max(100).optional() }))
    .query(({ ctx, input }) => readNodeRuns(ctx.pool, { executionId: input.id, nodeId: input.nodeId })),
  get: authedProcedure.input(z.object({ id: Id })).query(({ ctx, input }) => readExecutionReport(ctx.pool, input.id)),
  /** The event log after `afterSeq` (the live view's catch-up over HTTP; the socket sends the same events). */
  events: authedProcedure
    .input(
      z.object({
        id: Id,
        afterSeq: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(MAX_EVENTS_PER_READ).default(200),
      }),
    )
    .query(({ ctx, input }) => readExecutionEvents(ctx.pool, { executionId: input.id, afterSeq: input.afterSeq, limit: input.limit })),
  cancel: builder.input(z.object({ id: Id })).mutation(({ ctx, input }) => cancelExecution(ctx.pool, input.id)),
  /** Deliver a signal to a waiting node. Today: the decision of an approval task. */
  signal: builder.input(Decision).mutation(decideAsUser),
});

export const approvalRouter = router({
  decide: authedProcedure.input(Decision).mutation(decideAsUser),
  /** Pending tasks the user may decide (admins: all), oldest first. */
  pending: authedProcedure.query(({ ctx }) => listPendingApprovals(ctx.db, ctx.user)),
  /** How many of them there are (the header's badge). */
  pendingCount: authedProcedure.query(({ ctx }) => countPendingApprovals(ctx.db, ctx.user)),
});
