import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, type ApiClient, type SignedInClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import type { Database } from "@/server/db/prisma";

/** Failed sign-ins are counted from audit rows, so every web process enforces the same limits. */
let db: Database;
let anonymous: ApiClient;
let victim: SignedInClient;

beforeAll(async () => {
  db = openTestDatabase();
  anonymous = apiClient(db);
  victim = await anonymous.as("builder", { password: "the right password" });
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe("sign-in throttling", () => {
  it("after 10 failures for one email within 15 minutes, refuses even the right password", async () => {
    for (let i = 0; i < 10; i++) {
      expect(await anonymous.mutation("auth.login", { email: victim.user.email, password: `guess ${i}` })).toMatchObject({ status: 401 });
    }
    const refused = await anonymous.mutation("auth.login", { email: victim.user.email, password: "the right password" });
    expect(refused).toMatchObject({
      status: 429,
      error: { message: "Too many failed sign-ins; try again in 15 minutes.", data: { code: "TOO_MANY_REQUESTS" } },
    });
    // Refusals are not failures: they do not extend the lock.
    expect(await db.prisma.auditEvent.count({ where: { action: "auth.login_failed", actorEmail: victim.user.email } })).toBe(10);

    const bystander = await anonymous.as("viewer");
    expect(await anonymous.mutation("auth.login", { email: bystander.user.email, password: bystander.password })).toMatchObject({ ok: true });

    // Ten minutes later (the failures moved back in time), the lock has five minutes to go…
    await db.prisma.auditEvent.updateMany({ where: { action: "auth.login_failed", actorEmail: victim.user.email }, data: { at: minutesAgo(10) } });
    expect(await anonymous.mutation("auth.login", { email: victim.user.email, password: "the right password" })).toMatchObject({
      status: 429,
      error: { message: "Too many failed sign-ins; try again in 5 minutes." },
    });
    // …and after 15 minutes it is gone.
    await db.prisma.auditEvent.updateMany({ where: { action: "auth.login_failed", actorEmail: victim.user.email }, data: { at: minutesAgo(16) } });
    expect(await anonymous.mutation("auth.login", { email: victim.user.email, password: "the right password" })).toMatchObject({ ok: true });
  });

  it("after 30 failures from one address (recorded by any web process), refuses that address only", async () => {
    const user = await anonymous.as("viewer", { password: "viewer password" });
    // Failures another web process recorded: rows are the only shared state.
    await db.prisma.auditEvent.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ action: "auth.login_failed", actorEmail: `spray-${i}@example.com`, ip: "203.0.113.7", at: minutesAgo(1) })),
    });
    const fromThere = apiClient(db, { headers: { "x-forwarded-for": "203.0.113.7" } });
    const fromElsewhere = apiClient(db, { headers: { "x-forwarded-for": "198.51.100.2" } });
    expect(await fromThere.mutation("auth.login", { email: user.user.email, password: "viewer password" })).toMatchObject({
      status: 429,
      error: { message: "Too many failed sign-ins; try again in 14 minutes." },
    });
    expect(await fromElsewhere.mutation("auth.login", { email: user.user.email, password: "viewer password" })).toMatchObject({ ok: true });
    // The address recorded is the last X-Forwarded-For entry: what this deployment's nearest hop saw.
    await apiClient(db, { headers: { "x-forwarded-for": "10.9.9.9, 192.0.2.44" } }).mutation("auth.login", { email: "x@example.com", password: "wrong one" });
    expect(await db.prisma.auditEvent.findFirst({ where: { action: "auth.login_failed", actorEmail: "x@example.com" } })).toMatchObject({ ip: "192.0.2.44" });
  });
});
