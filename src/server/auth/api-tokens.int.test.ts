import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, type ApiClient, type SignedInClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import type { Database } from "@/server/db/prisma";
import { sha256Hex } from "./secret-token";

/** API tokens: created by their user, shown once, stored hashed, sent as a bearer token, revocable. */
let db: Database;
let anonymous: ApiClient;
let builder: SignedInClient;

beforeAll(async () => {
  db = openTestDatabase();
  anonymous = apiClient(db);
  builder = await anonymous.as("builder");
});

type Created = { id: string; name: string; prefix: string; token: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

describe("API tokens", () => {
  it("shows the token once; lists show only its prefix; the database holds only its hash", async () => {
    const created = await builder.mutation<Created>("token.create", { name: "deploy script" });
    if (!created.ok) throw new Error(created.error.message);
    const { token, id, prefix } = created.data;
    expect(token).toMatch(/^sy_[\w-]{43}$/);
    expect(prefix).toBe(token.slice(0, 8));
    expect(created.data).toMatchObject({ name: "deploy script", lastUsedAt: null, revokedAt: null });

    const listed = await builder.query<Array<Record<string, unknown>>>("token.list");
    expect(listed.ok && listed.data).toEqual([{ id, name: "deploy script", prefix, createdAt: expect.any(Date), lastUsedAt: null, revokedAt: null }]);
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(8));
  });

  it("authenticates as its user with Authorization: Bearer and records when it was last used", async () => {
    const created = await builder.mutation<Created>("token.create", { name: "ci" });
    if (!created.ok) throw new Error(created.error.message);
    const script = apiClient(db, { token: created.data.token });
    expect(await script.query("auth.status")).toMatchObject({ data: { user: { id: builder.user.id, role: "builder" } } });
    expect(await script.mutation("workflow.create", { name: "Made by a script" })).toMatchObject({ ok: true });
    const used = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(used.lastUsedAt).toBeInstanceOf(Date);
    // At most one write a minute: a second call right away leaves lastUsedAt alone.
    await script.query("workflow.list");
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.data.id } })).lastUsedAt).toEqual(used.lastUsedAt);
  });

  it("stops working when revoked; revoking twice is harmless", async () => {
    const created = await builder.mutation<Created>("token.create", { name: "temporary" });
    if (!created.ok) throw new Error(created.error.message);
    const script = apiClient(db, { token: created.data.token });
    expect(await script.query("workflow.list")).toMatchObject({ ok: true });
    expect(await builder.mutation("token.revoke", { id: created.data.id })).toMatchObject({ ok: true, data: { revokedAt: expect.any(Date) } });
    expect(await script.query("workflow.list")).toMatchObject({ status: 401, error: { message: "Sign in first." } });
    expect(await builder.mutation("token.revoke", { id: created.data.id })).toMatchObject({ ok: true });
    expect(await db.prisma.auditEvent.count({ where: { action: "token.revoke", target: created.data.id } })).toBe(1);
  });

  it("keeps each user's tokens their own", async () => {
    const other = await anonymous.as("admin");
    const created = await builder.mutation<Created>("token.create", { name: "mine" });
    if (!created.ok) throw new Error(created.error.message);
    expect(await other.mutation("token.revoke", { id: created.data.id })).toMatchObject({
      status: 404,
      error: { message: `API token ${created.data.id} does not exist` },
    });
    const theirs = await other.query<Array<{ id: string }>>("token.list");
    expect(theirs.ok && theirs.data.map((t) => t.id)).not.toContain(created.data.id);
  });

  it("refuses an unknown or malformed bearer token, even next to a valid cookie", async () => {
    for (const token of ["sy_not-a-real-token", "garbage", ""]) {
      const client = apiClient(db, { token, session: builder.credentials.session });
      expect(await client.query("workflow.list")).toMatchObject({ status: 401, error: { message: "Sign in first." } });
    }
  });
});
