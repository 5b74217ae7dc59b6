import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, sessionFrom, signIn, type SignedInClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import type { Database } from "@/server/db/prisma";
import { AuditAction } from "./audit";

/** Every security-relevant action leaves an AuditEvent row saying who, when, from where and to what. */
let db: Database;
let admin: SignedInClient;
const started = new Date();
const IP = "192.0.2.10";

beforeAll(async () => {
  db = openTestDatabase();
  const anonymous = apiClient(db, { headers: { "x-forwarded-for": IP } });
  const setup = await anonymous.mutation("auth.setup", { email: "root@example.com", password: "root password" });
  if (!setup.ok) throw new Error(setup.error.message);
  admin = await signIn(db, { email: "root@example.com", password: "root password" }, { headers: { "x-forwarded-for": IP } });
  expect(sessionFrom(setup.headers)).toBeTruthy();

  // One of each action, through the API.
  const created = await admin.mutation<{ user: { id: string } }>("user.create", { email: "ops@example.com", role: "viewer", password: "ops password" });
  if (!created.ok) throw new Error(created.error.message);
  const ops = created.data.user.id;
  await admin.mutation("user.setRole", { id: ops, role: "approver" });
  await admin.mutation("user.disable", { id: ops });
  await admin.mutation("user.enable", { id: ops });
  await anonymous.mutation("auth.login", { email: "ops@example.com", password: "not it" });
  const token = await admin.mutation<{ id: string }>("token.create", { name: "ci" });
  await admin.mutation("token.revoke", { id: token.ok ? token.data.id : "" });
  const workflow = await admin.mutation<{ id: string }>("workflow.create", { name: "Audited" });
  const got = await admin.query<{ document: unknown }>("workflow.get", { id: workflow.ok ? workflow.data.id : "" });
  await admin.mutation("workflow.saveVersion", { id: workflow.ok ? workflow.data.id : "", document: got.ok ? got.data.document : null });
  const execution = await db.prisma.execution.create({ data: { status: "waiting" } });
  const task = await db.prisma.approvalTask.create({ data: { executionId: execution.id, runKey: "ask", nodeId: "ask", title: "Ok?", assignees: [] } });
  await admin.mutation("approval.decide", { taskId: task.id, decision: "approved" });
  await admin.mutation("auth.changePassword", { currentPassword: "root password", newPassword: "new root password" });
  await admin.mutation("auth.logout");
  admin = await signIn(db, { email: "root@example.com", password: "new root password" }, { headers: { "x-forwarded-for": IP } });
});

describe("audit log", () => {
  it("has a row for every action, with actor, time and address", async () => {
    const rows = await db.prisma.auditEvent.findMany({ orderBy: { at: "asc" } });
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(AuditAction.options));
    const now = Date.now();
    for (const row of rows) {
      expect(row.at.getTime(), row.action).toBeGreaterThanOrEqual(started.getTime() - 1000);
      expect(row.at.getTime(), row.action).toBeLessThanOrEqual(now);
      expect(row.ip, row.action).toBe(IP);
      if (row.action === "auth.login_failed") {
        expect(row).toMatchObject({ actorId: null, actorEmail: "ops@example.com" });
      } else {
        expect(row, row.action).toMatchObject({ actorId: admin.user.id, actorEmail: "root@example.com" });
      }
    }
    expect(rows.find((r) => r.action === "user.role_change")).toMatchObject({ detail: { from: "viewer", to: "approver" } });
    expect(rows.find((r) => r.action === "workflow.publish")).toMatchObject({ detail: { name: "Audited", version: 2 } });
  });

  it("lists newest first, filters by action and pages with a cursor", async () => {
    const all = await admin.query<{ events: Array<{ id: string; action: string }>; nextCursor: string | null }>("audit.list", { limit: 500 });
    if (!all.ok) throw new Error(all.error.message);
    expect(all.data.nextCursor).toBeNull();
    expect(all.data.events[0]).toMatchObject({ action: "auth.login" });

    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.query<{ events: Array<{ id: string }>; nextCursor: string | null }>("audit.list", { limit: 4, cursor });
      if (!page.ok) throw new Error(page.error.message);
      expect(page.data.events.length).toBeLessThanOrEqual(4);
      paged.push(...page.data.events.map((e) => e.id));
      cursor = page.data.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.data.events.map((e) => e.id));

    const logins = await admin.query<{ events: Array<{ action: string }> }>("audit.list", { limit: 50, action: "auth.login" });
    expect(logins.ok && logins.data.events.map((e) => e.action)).toEqual(["auth.login", "auth.login"]);
    expect(await admin.query("audit.list", { action: "auth.nope" })).toMatchObject({ status: 400 });
  });
});
