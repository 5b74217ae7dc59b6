import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, type ApiClient, type ApiResult } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import type { Database } from "@/server/db/prisma";
import { ROLES, type Role } from "@/server/auth/roles";
import { appRouter } from "./app";

/**
 * Every procedure of the API, called by every role (signed in by session
 * cookie) and by nobody: allowed calls get past the role check (their status
 * is the procedure's own answer: 200, or 404 for the made-up ids used here),
 * refused ones get 403 with a sentence naming the role, the procedure and
 * what it needs, and anonymous calls get 401 "Sign in first.".
 */
let db: Database;
const as = {} as Record<Role, ApiClient>;
let anonymous: ApiClient;
let workflowId: string;

beforeAll(async () => {
  db = openTestDatabase();
  anonymous = apiClient(db);
  for (const role of ROLES) as[role] = await anonymous.as(role);
  const created = await as.admin.mutation("workflow.create", { name: "Fixture" });
  if (!created.ok) throw new Error(created.error.message);
  workflowId = created.data.id;
});

type Access = { kind: "query" | "mutation"; input?: (role: Role) => unknown } & (
  | { who: "public" }
  | { who: "signed-in" }
  /** Roles allowed (admin always is), and the words the 403 message uses for them. */
  | { who: Role[]; needs: string }
);

const document = () => ({ version: 1, name: "Fixture", nodes: [{ id: "start", type: "trigger.manual", config: {} }], edges: [] });
const builders = { who: ["builder", "admin"] as Role[], needs: "builder or admin" };
const admins = { who: ["admin"] as Role[], needs: "admin" };

// In call order: auth.logout ends each role's session, so it comes last.
const matrix: Record<string, Access> = {
  "auth.status": { kind: "query", who: "public" },
  "auth.setup": { kind: "mutation", who: "public", input: () => ({ email: "late@test.example", password: "long enough" }) },
  "auth.login": { kind: "mutation", who: "public", input: () => ({ email: "nobody@test.example", password: "long enough" }) },
  "auth.changePassword": { kind: "mutation", who: "signed-in", input: () => ({ currentPassword: "not it", newPassword: "long enough" }) },
  "workflow.list": { kind: "query", who: "signed-in" },
  "workflow.get": { kind: "query", who: "signed-in", input: () => ({ id: workflowId }) },
  "workflow.versions": { kind: "query", who: "signed-in", input: () => ({ id: workflowId }) },
  "workflow.validate": { kind: "mutation", who: "signed-in", input: () => ({ document: document() }) },
  "workflow.create": { kind: "mutation", ...builders, input: (role) => ({ name: `Made by ${role}` }) },
  "workflow.saveVersion": { kind: "mutation", ...builders, input: () => ({ id: workflowId, document: document() }) },
  "workflow.saveDraft": { kind: "mutation", ...builders, input: () => ({ id: workflowId, document: document() }) },
  "workflow.discardDraft": { kind: "mutation", ...builders, input: () => ({ id: "no-such-workflow" }) },
  "workflow.rename": { kind: "mutation", ...builders, input: () => ({ id: "no-such-workflow", name: "New name" }) },
  "workflow.delete": { kind: "mutation", ...builders, input: () => ({ id: "no-such-workflow" }) },
  "execution.start": { kind: "mutation", ...builders, input: () => ({ workflowId: "no-such-workflow" }) },
  "execution.get": { kind: "query", who: "signed-in", input: () => ({ id: "no-such-execution" }) },
  "execution.events": { kind: "query", who: "signed-in", input: () => ({ id: "no-such-execution" }) },
  "execution.list": { kind: "query", who: "signed-in", input: () => ({ workflowId }) },
  "execution.detail": { kind: "query", who: "signed-in", input: () => ({ id: "no-such-execution" }) },
  "execution.nodeRuns": { kind: "query", who: "signed-in", input: () => ({ id: "no-such-execution" }) },
  "execution.cancel": { kind: "mutation", ...builders, input: () => ({ id: "no-such-execution" }) },
  "execution.signal": { kind: "mutation", ...builders, input: () => ({ taskId: "no-such-task", decision: "approved" }) },
  "approval.pending": { kind: "query", who: "signed-in" },
  "approval.pendingCount": { kind: "query", who: "signed-in" },
  "approval.decide": { kind: "mutation", who: "signed-in", input: () => ({ taskId: "no-such-task", decision: "approved" }) },
  "user.list": { kind: "query", ...admins },
  "user.create": { kind: "mutation", ...admins, input: (role) => ({ email: `made-by-${role}@test.example`, role: "viewer" }) },
  "user.setRole": { kind: "mutation", ...admins, input: () => ({ id: "no-such-user", role: "viewer" }) },
  "user.disable": { kind: "mutation", ...admins, input: () => ({ id: "no-such-user" }) },
  "user.enable": { kind: "mutation", ...admins, input: () => ({ id: "no-such-user" }) },
  "token.list": { kind: "query", who: "signed-in" },
  "token.create": { kind: "mutation", who: "signed-in", input: (role) => ({ name: `${role}'s script` }) },
  "token.revoke": { kind: "mutation", who: "signed-in", input: () => ({ id: "no-such-token" }) },
  "audit.list": { kind: "query", ...admins, input: () => ({ limit: 5 }) },
  "auth.logout": { kind: "mutation", who: "public" },
};

const call = (client: ApiClient, path: string, access: Access, role: Role): Promise<ApiResult> =>
  client[access.kind](path, access.input?.(role));

describe("who may call what", () => {
  it("covers every procedure of the API", () => {
    expect(Object.keys(matrix).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  for (const [path, access] of Object.entries(matrix)) {
    it(path, async () => {
      // Public procedures answer for themselves (auth.login here: 401 "Wrong email or password.").
      const expectNoAccessCheck = (result: ApiResult) => {
        expect(result.status, JSON.stringify(result)).not.toBe(403);
        if (!result.ok) expect(result.error.message).not.toBe("Sign in first.");
      };
      const anon = await call(anonymous, path, access, "viewer");
      if (access.who === "public") {
        expectNoAccessCheck(anon);
      } else {
        expect(anon).toMatchObject({ ok: false, status: 401, error: { message: "Sign in first.", data: { code: "UNAUTHORIZED" } } });
      }
      for (const role of ROLES) {
        const result = await call(as[role], path, access, role);
        const allowed = typeof access.who === "string" || access.who.includes(role);
        if (access.who === "public") {
          expectNoAccessCheck(result);
        } else if (allowed) {
          expect([401, 403], `${role} → ${path}: ${JSON.stringify(result)}`).not.toContain(result.status);
        } else {
          expect(result, `${role} → ${path}`).toMatchObject({
            ok: false,
            status: 403,
            error: { message: `Your role (${role}) cannot do this: ${path} needs ${(access as { needs: string }).needs}.`, data: { code: "FORBIDDEN" } },
          });
        }
      }
    });
  }

  it("applies the same rules to API tokens", async () => {
    const viewer = await anonymous.as("viewer", { via: "token" });
    const builder = await anonymous.as("builder", { via: "token" });
    expect(await viewer.mutation("workflow.create", { name: "By a viewer's token" })).toMatchObject({
      status: 403,
      error: { message: "Your role (viewer) cannot do this: workflow.create needs builder or admin." },
    });
    expect(await viewer.query("workflow.list")).toMatchObject({ ok: true, status: 200 });
    expect(await builder.mutation("workflow.create", { name: "By a builder's token" })).toMatchObject({ ok: true });
    expect(await builder.query("user.list")).toMatchObject({ status: 403, error: { message: "Your role (builder) cannot do this: user.list needs admin." } });
  });

});
