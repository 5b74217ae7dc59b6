import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, signIn } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import type { Database } from "@/server/db/prisma";

/** `wf user:create` and `wf token:create`, run as the real CLI against this file's database. */
const execFileAsync = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
let db: Database;

beforeAll(() => {
  db = openTestDatabase();
});

async function wf(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "error", ...env };
  if (!("SWITCHYARD_PASSWORD" in env)) delete childEnv.SWITCHYARD_PASSWORD;
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: root, env: childEnv, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

// Each run starts node + tsx (~3 s alone, more when the suite runs files in parallel).
describe("wf user:create and token:create", { timeout: 120_000 }, () => {
  it("creates users with a given, an environment or a generated password", async () => {
    const [given, fromEnv, generated] = await Promise.all([
      wf(["user:create", "--email", "Ada@Example.com", "--role", "admin", "--name", "Ada", "--password", "analytical engine"]),
      wf(["user:create", "--email", "bob@example.com", "--role", "viewer"], { SWITCHYARD_PASSWORD: "from the environment" }),
      wf(["user:create", "--email", "cy@example.com", "--role", "approver"]),
    ]);
    expect(given).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(given.stdout)).toEqual({ id: expect.any(String), email: "ada@example.com", name: "Ada", role: "admin" });
    expect(fromEnv.code).toBe(0);
    expect(JSON.parse(fromEnv.stdout)).not.toHaveProperty("password");
    expect(generated.code).toBe(0);
    const { password } = JSON.parse(generated.stdout) as { password: string };
    expect(password).toMatch(/^[\w-]{24}$/);

    await signIn(db, { email: "ada@example.com", password: "analytical engine" });
    await signIn(db, { email: "bob@example.com", password: "from the environment" });
    const cy = await signIn(db, { email: "cy@example.com", password });
    expect(cy.user.role).toBe("approver");
    expect(await db.prisma.auditEvent.count({ where: { action: "user.create", actorId: null, detail: { path: ["via"], equals: "cli" } } })).toBe(3);
  });

  it("exits 1 when the email exists and 2 on bad input, saying why", async () => {
    const [taken, badRole, noEmail, shortPassword, badEmail] = await Promise.all([
      wf(["user:create", "--email", "ADA@example.com", "--role", "viewer", "--password", "long enough"]),
      wf(["user:create", "--email", "x@example.com", "--role", "root"]),
      wf(["user:create", "--role", "viewer"]),
      wf(["user:create", "--email", "x@example.com", "--role", "viewer", "--password", "short"]),
      wf(["user:create", "--email", "not-an-email", "--role", "viewer", "--password", "long enough"]),
    ]);
    expect(taken).toMatchObject({ code: 1, stderr: "wf: A user with the email ada@example.com already exists.\n" });
    expect(badRole).toMatchObject({ code: 2, stderr: 'wf: --role must be one of admin, builder, approver, viewer (got "root")\n' });
    expect(noEmail.code).toBe(2);
    expect(noEmail.stderr).toMatch(/^wf: usage: wf user:create --email EMAIL --role /);
    expect(shortPassword).toMatchObject({ code: 2, stderr: "wf: The password must be at least 8 characters long.\n" });
    expect(badEmail).toMatchObject({ code: 2, stderr: 'wf: "not-an-email" is not an email address.\n' });
    expect(await db.prisma.user.count({ where: { email: "x@example.com" } })).toBe(0);
  });

  it("prints a working API token once", async () => {
    const [created, unknown] = await Promise.all([
      wf(["token:create", "--email", "ada@example.com", "--name", "deploys"]),
      wf(["token:create", "--email", "nobody@example.com"]),
    ]);
    expect(created.code).toBe(0);
    const { token, name, email } = JSON.parse(created.stdout) as { token: string; name: string; email: string };
    expect({ name, email }).toEqual({ name: "deploys", email: "ada@example.com" });
    expect(await apiClient(db, { token }).query("auth.status")).toMatchObject({ data: { user: { email: "ada@example.com", role: "admin" } } });
    expect(JSON.stringify(await db.prisma.apiToken.findMany())).not.toContain(token);
    expect(unknown).toMatchObject({ code: 2, stderr: "wf: no user has the email nobody@example.com\n" });
  });
});
