import type pg from "pg";
import { Prisma, type PrismaClient, type ApprovalTask } from "@/generated/prisma/client";
import type { Json } from "@/engine/execution-types";
import { decideApproval } from "@/server/execution/execution-service";
import { DomainError, notFound } from "@/server/errors";
import { recordAudit, type Actor } from "./audit";
import { inWords } from "./roles";
import type { CurrentUser } from "./user-record";

/**
 * Who may see and decide an approval task. A task's `assignees` is a JSON
 * array of emails and/or role names (the approval node's config):
 * - admin: every task;
 * - empty list: approvers (and admins);
 * - otherwise: the users whose email, or whose role, is in the list — whatever their role.
 * The same rule is written twice, as SQL for lists and as TypeScript for one
 * task; approval-access.int.test.ts checks them against the same cases.
 */
export function isAssignedTo(assignees: unknown, user: Pick<CurrentUser, "email" | "role">): boolean {
  if (user.role === "admin") return true;
  const list = assigneeList(assignees);
  if (list.length === 0) return user.role === "approver";
  return list.includes(user.email.toLowerCase()) || list.includes(user.role);
}

function assigneeList(assignees: unknown): string[] {
  return Array.isArray(assignees) ? assignees.filter((a): a is string => typeof a === "string").map((a) => a.trim().toLowerCase()) : [];
}

/** "This approval task is assigned to …" — the 403 sentence. */
export function notAssignedMessage(assignees: unknown): string {
  const list = assigneeList(assignees);
  return `This approval task is assigned to ${list.length === 0 ? "approvers" : inWords(list)}, not to you.`;
}

const PENDING_LIMIT = 200;

/** Pending tasks the user may decide, oldest first (at most PENDING_LIMIT). */
export function listPendingApprovals(db: PrismaClient, user: CurrentUser): Promise<ApprovalTask[]> {
  if (user.role === "admin") {
    return db.approvalTask.findMany({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, take: PENDING_LIMIT });
  }
  return db.$queryRaw<ApprovalTask[]>`
    SELECT * FROM "ApprovalTask" WHERE ${pendingFor(user)} ORDER BY "createdAt" ASC LIMIT ${PENDING_LIMIT}`;
}

/** How many pending tasks the user may decide, all of them (the header's badge: one number, not the list). */
export async function countPendingApprovals(db: PrismaClient, user: CurrentUser): Promise<number> {
  if (user.role === "admin") return db.approvalTask.count({ where: { status: "pending" } });
  const rows = await db.$queryRaw<Array<{ count: number }>>`SELECT count(*)::int AS count FROM "ApprovalTask" WHERE ${pendingFor(user)}`;
  return rows[0]?.count ?? 0;
}

/** isAssignedTo as SQL, for a user who is not an admin: pending tasks naming their email or role, or no one (approvers). */
function pendingFor(user: CurrentUser): Prisma.Sql {
  const names = [user.email.toLowerCase(), user.role];
  const list = Prisma.sql`CASE WHEN jsonb_typeof(assignees) = 'array' THEN assignees ELSE '[]'::jsonb END`;
  return Prisma.sql`status = 'pending'
       AND (EXISTS (SELECT 1 FROM jsonb_array_elements(${list}) a
                     WHERE jsonb_typeof(a) = 'string' AND lower(trim(a #>> '{}')) = ANY(${names}::text[]))
            OR (jsonb_array_length(${list}) = 0 AND ${user.role === "approver"}::boolean))`;
}

export type DecisionRequest = { taskId: string; decision: "approved" | "rejected"; data?: Json; comment?: string };

/** Decides a task the actor is assigned to (FORBIDDEN otherwise), as the actor's email; audited. */
export async function decideAssignedApproval(db: PrismaClient, pool: pg.Pool, actor: Actor & { user: CurrentUser }, request: DecisionRequest) {
  const task = await db.approvalTask.findUnique({ where: { id: request.taskId }, select: { assignees: true, executionId: true } });
  if (!task) throw notFound("Approval task", request.taskId);
  if (!isAssignedTo(task.assignees, actor.user)) throw new DomainError("FORBIDDEN", notAssignedMessage(task.assignees));
  const decided = await decideApproval(pool, { ...request, by: actor.user.email });
  await recordAudit(db, actor, {
    action: "approval.decide",
    target: request.taskId,
    detail: { decision: request.decision, executionId: task.executionId, ...(request.comment ? { comment: request.comment } : {}) },
  });
  return decided;
}
