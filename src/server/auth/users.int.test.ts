import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, signIn, type ApiClient, type SignedInClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import type { Database } from "@/server/db/prisma";

/** Account administration through the API, and the rule that the last active admin cannot be removed. */
let db: Database;
let anonymous: ApiClient;
let admin: SignedInClient;

beforeAll(async () => {
  db = openTestDatabase();
  anonymous = apiClient(db);
  admin = await anonymous.as("admin");
});

type UserRow = { id: string; email: string; name: string | null; role: string; disabledAt: Date | null; createdAt: Date };

describe("user administration", () => {
  it("creates users with a given or generated password, never exposing hashes", async () => {
    const given = await admin.mutation<{ user: UserRow; generatedPassword: string | null }>("user.create", {
      email: "Linus@Example.com",
      role: "approver",
      name: "  Linus  ",
      password: "chosen password",
    });
    expect(given).toMatchObject({ ok: true, data: { user: { email: "linus@example.com", name: "Linus", role: "approver", disabledAt: null }, generatedPassword: null } });
    const generated = await admin.mutation<{ user: UserRow; generatedPassword: string | null }>("user.create", { email: "margaret@example.com", role: "viewer" });
    if (!generated.ok) throw new Error(generated.error.message);
    expect(generated.data.generatedPassword).toMatch(/^[\w-]{24}$/);
    await signIn(db, { email: "margaret@example.com", password: generated.data.generatedPassword! });
    await signIn(db, { email: "linus@example.com", password: "chosen password" });

    const listed = await admin.query<UserRow[]>("user.list");
    expect(listed.ok && listed.data.map((u) => u.email)).toEqual(expect.arrayContaining(["linus@example.com", "margaret@example.com"]));
    expect(JSON.stringify(listed)).not.toContain("scrypt$");
  });

  it("names what is wrong: a taken email, an unknown role, a short password", async () => {
    expect(await admin.mutation("user.create", { email: "LINUS@example.com", role: "viewer", password: "long enough" })).toMatchObject({
      status: 409,
      error: { message: "A user with the email linus@example.com already exists." },
    });
    expect(await admin.mutation("user.create", { email: "x@example.com", role: "root", password: "long enough" })).toMatchObject({
      status: 400,
      error: { message: "Invalid request: role: role must be one of admin, builder, approver, viewer" },
    });
    expect(await admin.mutation("user.create", { email: "x@example.com", role: "viewer", password: "short" })).toMatchObject({
      status: 400,
      error: { message: "The password must be at least 8 characters long." },
    });
  });

  it("changes roles, and the new role applies to the user's existing session at once", async () => {
    const user = await anonymous.as("viewer");
    expect(await user.mutation("workflow.create", { name: "Not yet" })).toMatchObject({ status: 403 });
    expect(await admin.mutation("user.setRole", { id: user.user.id, role: "builder" })).toMatchObject({ ok: true, data: { role: "builder" } });
    expect(await user.mutation("workflow.create", { name: "Now allowed" })).toMatchObject({ ok: true });
    expect(await db.prisma.auditEvent.findFirst({ where: { action: "user.role_change", target: user.user.id } })).toMatchObject({
      actorId: admin.user.id,
      actorEmail: admin.user.email,
      detail: { from: "viewer", to: "builder" },
    });
  });

  it("never leaves the system without an active admin", async () => {
    const refusedDemote = await admin.mutation("user.setRole", { id: admin.user.id, role: "builder" });
    expect(refusedDemote).toMatchObject({ status: 409, error: { message: "You are the last active admin; make another user admin first." } });
    expect(await admin.mutation("user.disable", { id: admin.user.id })).toMatchObject({
      status: 409,
      error: { message: "You are the last active admin; make another user admin first." },
    });

    const second = await anonymous.as("admin");
    expect(await admin.mutation("user.disable", { id: second.user.id })).toMatchObject({ ok: true });
    // A disabled admin does not count: the first is still the last active one.
    expect(await admin.mutation("user.setRole", { id: admin.user.id, role: "viewer" })).toMatchObject({ status: 409 });
    expect(await admin.mutation("user.enable", { id: second.user.id })).toMatchObject({ ok: true });
    const secondAgain = await signIn(db, { email: second.user.email, password: second.password });

    // Two admins demoting each other at once: one of them must stay.
    const both = await Promise.all([
      admin.mutation("user.setRole", { id: second.user.id, role: "builder" }),
      secondAgain.mutation("user.setRole", { id: admin.user.id, role: "builder" }),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.prisma.user.count({ where: { role: "admin", disabledAt: null } })).toBe(1);
  });

  it("reports unknown users", async () => {
    const active = await db.prisma.user.findFirstOrThrow({ where: { role: "admin", disabledAt: null } });
    const client = active.id === admin.user.id ? admin : await signIn(db, { email: active.email, password: `password-of-${active.email}` });
    expect(await client.mutation("user.disable", { id: "nobody" })).toMatchObject({ status: 404, error: { message: "User nobody does not exist" } });
  });
});
