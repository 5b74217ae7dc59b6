import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, type SignedInClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import type { Database } from "@/server/db/prisma";
import type { Prisma } from "@/generated/prisma/client";
import { isAssignedTo } from "./approval-access";

/**
 * Who sees and decides which approval task. The list (SQL) and the decision
 * check (TypeScript) must agree, so both are checked against one table.
 */
let db: Database;
const people = {} as Record<"admin" | "approver" | "builder" | "boss" | "carol", SignedInClient>;
const tasks: Record<string, string> = {};

// task → its assignees, and who may decide it (admin always may).
const table: Array<{ name: string; assignees: Prisma.InputJsonValue; deciders: Array<keyof typeof people> }> = [
  { name: "anyone", assignees: [], deciders: ["admin", "approver"] },
  { name: "finance", assignees: ["finance"], deciders: ["admin"] },
  { name: "boss", assignees: ["Boss@Example.com"], deciders: ["admin", "boss"] },
  { name: "builders", assignees: ["builder"], deciders: ["admin", "builder", "carol"] },
  { name: "approvers+carol", assignees: ["approver", "carol@example.com"], deciders: ["admin", "approver", "carol"] },
  { name: "not a list", assignees: "approver", deciders: ["admin", "approver"] },
];

beforeAll(async () => {
  db = openTestDatabase();
  const anonymous = apiClient(db);
  people.admin = await anonymous.as("admin");
  people.approver = await anonymous.as("approver");
  people.builder = await anonymous.as("builder");
  people.boss = await anonymous.as("viewer", { email: "boss@example.com" });
  people.carol = await anonymous.as("builder", { email: "carol@example.com" });
  const execution = await db.prisma.execution.create({ data: { status: "waiting" } });
  for (const [i, row] of table.entries()) {
    const task = await db.prisma.approvalTask.create({
      data: { executionId: execution.id, runKey: `ask${i}`, nodeId: `ask${i}`, title: row.name, assignees: row.assignees },
    });
    tasks[row.name] = task.id;
  }
});

describe("approval assignment", () => {
  it("lists to each person exactly the pending tasks they may decide", async () => {
    for (const [who, client] of Object.entries(people)) {
      const pending = await client.query<Array<{ title: string; createdAt: Date; assignees: unknown }>>("approval.pending");
      if (!pending.ok) throw new Error(pending.error.message);
      const expected = table.filter((t) => t.deciders.includes(who as keyof typeof people)).map((t) => t.name);
      // Tasks created within one millisecond have no defined order between them: compare as sets.
      expect({ who, titles: pending.data.map((t) => t.title).sort() }).toEqual({ who, titles: expected.sort() });
      expect(pending.data.every((t) => t.createdAt instanceof Date)).toBe(true);
      for (const task of pending.data) expect(isAssignedTo(task.assignees, client.user)).toBe(true);
      // The header's badge counts the same tasks.
      expect({ who, count: await client.query("approval.pendingCount") }).toMatchObject({ who, count: { ok: true, data: expected.length } });
    }
  });

  it("refuses a decision by anyone else, naming the assignees", async () => {
    for (const row of table) {
      for (const [who, client] of Object.entries(people)) {
        if (row.deciders.includes(who as keyof typeof people)) continue;
        const list = row.name === "anyone" || row.name === "not a list" ? "approvers" : Array.isArray(row.assignees) ? row.assignees.join(" or ").toLowerCase() : "";
        expect(await client.mutation("approval.decide", { taskId: tasks[row.name], decision: "approved" }), `${who} on ${row.name}`).toMatchObject({
          status: 403,
          error: { message: `This approval task is assigned to ${list}, not to you.` },
        });
      }
    }
    expect(await db.prisma.approvalTask.count({ where: { status: "pending" } })).toBe(table.length);
  });

  it("records the decider's email, audits the decision, and lets nobody decide twice", async () => {
    const decided = await people.boss.mutation("approval.decide", { taskId: tasks.boss, decision: "approved", comment: "fine" });
    expect(decided).toMatchObject({ ok: true });
    expect(await db.prisma.approvalTask.findUniqueOrThrow({ where: { id: tasks.boss! } })).toMatchObject({ status: "approved", decidedBy: "boss@example.com" });
    expect(await db.prisma.auditEvent.findFirst({ where: { action: "approval.decide", target: tasks.boss } })).toMatchObject({
      actorId: people.boss.user.id,
      actorEmail: "boss@example.com",
      detail: { decision: "approved", comment: "fine" },
    });
    expect(await people.admin.mutation("approval.decide", { taskId: tasks.boss, decision: "rejected" })).toMatchObject({ status: 409 });
    // execution.signal is the same decision, for builders and admins who are assigned.
    expect(await people.carol.mutation("execution.signal", { taskId: tasks.builders, decision: "rejected" })).toMatchObject({ ok: true });
    expect(await people.builder.mutation("execution.signal", { taskId: tasks.finance, decision: "rejected" })).toMatchObject({ status: 403 });
  });
});
