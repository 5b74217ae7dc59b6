import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, sessionFrom, type ApiClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import type { Database } from "@/server/db/prisma";

/** First run: the database has no users; `auth.setup` creates the first admin, exactly once. */
let db: Database;
let anonymous: ApiClient;

beforeAll(() => {
  db = openTestDatabase();
  anonymous = apiClient(db);
});

describe("first-run setup", () => {
  it("reports that setup is needed and lets nobody in before it", async () => {
    expect(await anonymous.query("auth.status")).toMatchObject({ ok: true, data: { needsSetup: true, user: null } });
    expect(await anonymous.query("workflow.list")).toMatchObject({ status: 401, error: { message: "Sign in first." } });
  });

  it("refuses a bad password or email with a clear message and creates nothing", async () => {
    expect(await anonymous.mutation("auth.setup", { email: "ada@example.com", password: "short" })).toMatchObject({
      status: 400,
      error: { message: "The password must be at least 8 characters long." },
    });
    expect(await anonymous.mutation("auth.setup", { email: "not-an-email", password: "long enough" })).toMatchObject({
      status: 400,
      error: { message: '"not-an-email" is not an email address.' },
    });
    expect(await db.prisma.user.count()).toBe(0);
  });

  it("lets exactly one of several concurrent setups win; the winner is an admin and signed in", async () => {
    const attempts = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => anonymous.mutation("auth.setup", { email: `Admin${n}@Example.com`, password: `password ${n}`, name: `Admin ${n}` })),
    );
    const winners = attempts.filter((a) => a.ok);
    expect(winners).toHaveLength(1);
    for (const loser of attempts.filter((a) => !a.ok)) {
      expect(loser).toMatchObject({ status: 409, error: { message: "Setup is already done; sign in." } });
      expect(sessionFrom(loser.headers)).toBeNull();
    }
    const winner = winners[0]!;
    if (!winner.ok) throw new Error("unreachable");
    expect(winner.data).toMatchObject({ role: "admin", email: expect.stringMatching(/^admin\d@example\.com$/) });
    const users = await db.prisma.user.findMany();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ role: "admin", email: winner.data.email, disabledAt: null });

    const session = sessionFrom(winner.headers)!;
    expect(session).toMatch(/^[\w-]{43}$/);
    expect(await apiClient(db, { session }).query("auth.status")).toMatchObject({
      ok: true,
      data: { needsSetup: false, user: { id: users[0]!.id, email: winner.data.email, role: "admin" } },
    });
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "auth.setup" } });
    expect(audit).toEqual([expect.objectContaining({ actorId: users[0]!.id, actorEmail: winner.data.email, target: users[0]!.id, at: expect.any(Date) })]);
  });

  it("refuses setup once done, even later", async () => {
    expect(await anonymous.mutation("auth.setup", { email: "late@example.com", password: "long enough" })).toMatchObject({
      status: 409,
      error: { message: "Setup is already done; sign in." },
    });
    expect(await db.prisma.user.count()).toBe(1);
  });
});
