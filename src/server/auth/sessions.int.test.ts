import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, sessionFrom, signIn, type ApiClient, type SignedInClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import type { Database } from "@/server/db/prisma";
import { sha256Hex } from "./secret-token";

/** Sign-in, cookies, sign-out, sliding expiry, password changes, disabled users and the CSRF check — over HTTP. */
let db: Database;
let anonymous: ApiClient;
let admin: SignedInClient;

beforeAll(async () => {
  db = openTestDatabase();
  anonymous = apiClient(db);
  admin = await anonymous.as("admin");
});

const DAY_MS = 24 * 60 * 60 * 1000;

describe("signing in and out", () => {
  it("sets an httpOnly, SameSite=Lax, 30-day cookie whose token is stored only as a hash", async () => {
    const user = await anonymous.as("viewer", { email: "Grace@Example.com", password: "hopper1906" });
    const login = await anonymous.mutation("auth.login", { email: "  GRACE@example.COM ", password: "hopper1906" });
    expect(login).toMatchObject({ ok: true, status: 200, data: { id: user.user.id, email: "grace@example.com", role: "viewer" } });
    const [cookie] = login.headers.getSetCookie();
    expect(cookie).toMatch(/^sy_session=[\w-]{43}; Path=\/; Max-Age=2592000; HttpOnly; SameSite=Lax$/);
    const token = sessionFrom(login.headers)!;
    const row = await db.prisma.session.findUniqueOrThrow({ where: { id: sha256Hex(token) } });
    expect(row.userId).toBe(user.user.id);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(29.9 * DAY_MS);
    const stored = JSON.stringify(await db.prisma.session.findMany());
    expect(stored).not.toContain(token);
    expect(await apiClient(db, { session: token }).query("auth.status")).toMatchObject({ data: { user: { email: "grace@example.com" } } });
  });

  it("marks the cookie Secure on https, directly or behind a proxy", async () => {
    const user = await anonymous.as("viewer");
    const login = { email: user.user.email, password: user.password };
    const direct = await apiClient(db, { baseUrl: "https://switchyard.example" }).mutation("auth.login", login);
    const proxied = await apiClient(db, { headers: { "x-forwarded-proto": "https" } }).mutation("auth.login", login);
    expect(direct.headers.getSetCookie()[0]).toMatch(/; Secure$/);
    expect(proxied.headers.getSetCookie()[0]).toMatch(/; Secure$/);
  });

  it("gives one answer for a wrong password and an unknown email, and audits both", async () => {
    const user = await anonymous.as("builder");
    const wrongPassword = await anonymous.mutation("auth.login", { email: user.user.email, password: "not the password" });
    const unknownEmail = await anonymous.mutation("auth.login", { email: "nobody@example.com", password: "not the password" });
    for (const result of [wrongPassword, unknownEmail]) {
      expect(result).toMatchObject({ ok: false, status: 401, error: { message: "Wrong email or password.", data: { code: "UNAUTHORIZED" } } });
      expect(result.headers.getSetCookie()).toEqual([]);
    }
    const failures = await db.prisma.auditEvent.findMany({ where: { action: "auth.login_failed", actorEmail: { in: [user.user.email, "nobody@example.com"] } } });
    expect(failures.map((f) => [f.actorEmail, f.actorId, f.target])).toEqual(
      expect.arrayContaining([
        [user.user.email, null, user.user.id],
        ["nobody@example.com", null, null],
      ]),
    );
  });

  it("signs out: the row is deleted, the cookie cleared, and the old cookie no longer works", async () => {
    const user = await anonymous.as("viewer");
    const token = user.credentials.session!;
    const out = await user.mutation("auth.logout");
    expect(out).toMatchObject({ ok: true, data: { ok: true } });
    expect(out.headers.getSetCookie()).toEqual(["sy_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"]);
    expect(await db.prisma.session.findUnique({ where: { id: sha256Hex(token) } })).toBeNull();
    const after = await user.query("workflow.list");
    expect(after).toMatchObject({ status: 401, error: { message: "Sign in first." } });
    expect(after.headers.getSetCookie()).toEqual(["sy_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"]); // the browser forgets it
    expect(await db.prisma.auditEvent.count({ where: { action: "auth.logout", actorId: user.user.id } })).toBe(1);
  });

  it("replaces this browser's session when signing in again", async () => {
    const user = await anonymous.as("viewer");
    const again = await user.mutation("auth.login", { email: user.user.email, password: user.password });
    expect(sessionFrom(again.headers)).not.toBe(user.credentials.session);
    expect(await db.prisma.session.count({ where: { userId: user.user.id } })).toBe(1);
  });
});

describe("sliding expiry", () => {
  it("renews expiry and the cookie when used more than an hour after the last renewal, and not before", async () => {
    const user = await anonymous.as("viewer");
    const id = sha256Hex(user.credentials.session!);
    const fresh = await user.query("workflow.list");
    expect(fresh.headers.getSetCookie()).toEqual([]);

    const lastSeenAt = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await db.prisma.session.update({ where: { id }, data: { lastSeenAt, expiresAt: new Date(Date.now() + DAY_MS) } });
    const slid = await user.query("workflow.list");
    expect(slid.ok).toBe(true);
    expect(slid.headers.getSetCookie()).toEqual([`sy_session=${user.credentials.session}; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax`]);
    const row = await db.prisma.session.findUniqueOrThrow({ where: { id } });
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(lastSeenAt.getTime());
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(29.9 * DAY_MS);
  });

  it("refuses an expired session", async () => {
    const user = await anonymous.as("viewer");
    await db.prisma.session.update({ where: { id: sha256Hex(user.credentials.session!) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await user.query("workflow.list")).toMatchObject({ status: 401, error: { message: "Sign in first." } });
  });
});

describe("changing the password", () => {
  it("needs the current password, keeps this session and signs out the others; tokens keep working", async () => {
    const here = await anonymous.as("builder", { password: "first password" });
    const elsewhere = await signIn(db, { email: here.user.email, password: "first password" });
    const created = await here.mutation<{ token: string }>("token.create", { name: "ci" });
    const script = apiClient(db, { token: created.ok ? created.data.token : "" });

    expect(await here.mutation("auth.changePassword", { currentPassword: "guess", newPassword: "second password" })).toMatchObject({
      status: 400,
      error: { message: "The current password is wrong." },
    });
    expect(await here.mutation("auth.changePassword", { currentPassword: "first password", newPassword: "short" })).toMatchObject({
      status: 400,
      error: { message: "The password must be at least 8 characters long." },
    });
    expect(await here.mutation("auth.changePassword", { currentPassword: "first password", newPassword: "second password" })).toMatchObject({
      ok: true,
      data: { endedSessions: 1 },
    });
    expect(await here.query("workflow.list")).toMatchObject({ ok: true });
    expect(await elsewhere.query("workflow.list")).toMatchObject({ status: 401 });
    expect(await script.query("workflow.list")).toMatchObject({ ok: true });
    expect(await anonymous.mutation("auth.login", { email: here.user.email, password: "first password" })).toMatchObject({ status: 401 });
    expect(await anonymous.mutation("auth.login", { email: here.user.email, password: "second password" })).toMatchObject({ ok: true });
    expect(await db.prisma.auditEvent.findMany({ where: { action: "auth.password_change", actorId: here.user.id } })).toEqual([
      expect.objectContaining({ target: here.user.id, detail: { endedSessions: 1 } }),
    ]);
  });
});

describe("disabled users", () => {
  it("cannot sign in, and their sessions and tokens stop working until enabled again", async () => {
    const user = await anonymous.as("builder", { password: "builder password" });
    const created = await user.mutation<{ token: string }>("token.create", { name: "ci" });
    const script = apiClient(db, { token: created.ok ? created.data.token : "" });

    expect(await admin.mutation("user.disable", { id: user.user.id })).toMatchObject({ ok: true, data: { disabledAt: expect.any(Date) } });
    expect(await user.query("workflow.list")).toMatchObject({ status: 401 });
    expect(await script.query("workflow.list")).toMatchObject({ status: 401 });
    expect(await db.prisma.session.count({ where: { userId: user.user.id } })).toBe(0);
    expect(await anonymous.mutation("auth.login", { email: user.user.email, password: "builder password" })).toMatchObject({
      status: 403,
      error: { message: "This account is disabled; ask an admin to enable it." },
    });
    // A wrong password still gets the usual answer: "disabled" is said only to whoever knows the password.
    expect(await anonymous.mutation("auth.login", { email: user.user.email, password: "wrong password" })).toMatchObject({
      status: 401,
      error: { message: "Wrong email or password." },
    });

    expect(await admin.mutation("user.enable", { id: user.user.id })).toMatchObject({ ok: true, data: { disabledAt: null } });
    expect(await script.query("workflow.list")).toMatchObject({ ok: true });
    expect(await anonymous.mutation("auth.login", { email: user.user.email, password: "builder password" })).toMatchObject({ ok: true });
  });
});

describe("cross-site requests", () => {
  it("refuses cookie-authenticated changes asked for by a page of another host", async () => {
    const user = await anonymous.as("builder");
    const fromEvil = apiClient(db, { ...user.credentials, headers: { origin: "http://evil.example" } });
    const fromNeighbour = apiClient(db, { ...user.credentials, headers: { origin: "http://test:8080" } });
    const fromUs = apiClient(db, { ...user.credentials, headers: { origin: "http://test" } });
    for (const client of [fromEvil, fromNeighbour]) {
      expect(await client.mutation("workflow.create", { name: "Forged" })).toMatchObject({
        status: 403,
        error: { message: expect.stringMatching(/^Refused a change requested by another site \(http:\/\/(evil\.example|test:8080)\)\.$/) },
      });
      expect(await client.mutation("auth.logout")).toMatchObject({ status: 403 });
      expect(await client.query("workflow.list")).toMatchObject({ ok: true }); // reading changes nothing
    }
    expect(await fromUs.mutation("workflow.create", { name: "Genuine" })).toMatchObject({ ok: true });
    expect(await db.prisma.workflow.count({ where: { name: "Forged" } })).toBe(0);
    const behindProxy = apiClient(db, { ...user.credentials, headers: { origin: "https://app.example", "x-forwarded-host": "app.example" } });
    expect(await behindProxy.mutation("workflow.create", { name: "Proxied" })).toMatchObject({ ok: true });
  });

  it("refuses a cross-site sign-in, but not a bearer token's request", async () => {
    const user = await anonymous.as("builder", { via: "token" });
    const evil = { origin: "http://evil.example" };
    expect(await apiClient(db, { headers: evil }).mutation("auth.login", { email: user.user.email, password: user.password })).toMatchObject({ status: 403 });
    expect(await apiClient(db, { ...user.credentials, headers: evil }).mutation("workflow.create", { name: "By script" })).toMatchObject({ ok: true });
  });
});
