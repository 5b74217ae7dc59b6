import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, type SignedInClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import { doc } from "../../../test/engine-harness";
import type { Database } from "@/server/db/prisma";
import { startExecutionRequest } from "./execution-service";

/**
 * `execution.list` through the real API handler: newest first, filters,
 * and cursor paging that stays exact while executions keep arriving. No
 * worker runs here: executions stay queued unless a test sets a status. (The
 * workflow runs a `code` node, so its start is a worker's to make: the request
 * does not make it, eager-start.ts.)
 */
let db: Database;
let builder: SignedInClient;
let script: SignedInClient;
let viewer: SignedInClient;
let workflowId: string;

type Item = { id: string; status: string; trigger: string; version: number | null; createdAt: string; durationMs: number | null; error: unknown };
type Page = { items: Item[]; nextCursor: string | null };

beforeAll(async () => {
  db = openTestDatabase();
  builder = await apiClient(db).as("builder");
  script = await apiClient(db).as("builder", { via: "token" });
  viewer = await apiClient(db).as("viewer");
  const created = await builder.mutation("workflow.create", {
    name: "Listed",
    document: doc([{ id: "start", type: "trigger.manual" }, { id: "done", type: "code", config: { code: "const one = 1;\nreturn one;" } }], ["start->done"]),
  });
  if (!created.ok) throw new Error(created.error.message);
  workflowId = created.data.id;
});

async function start(client: SignedInClient): Promise<string> {
  const started = await client.mutation("execution.start", { workflowId });
  if (!started.ok) throw new Error(started.error.message);
  return started.data.executionId;
}

async function list(input: Record<string, unknown>, client = viewer): Promise<Page> {
  const result = await client.query<Page>("execution.list", { workflowId, ...input });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe("execution.list", () => {
  it("lists newest first, records how each was started, and filters by status and trigger", async () => {
    const manual = await start(builder);
    const viaToken = await start(script);
    const cli = (await startExecutionRequest(db.pool, { workflowId })).executionId; // as `wf run` starts one
    await db.pool.query(
      `UPDATE "Execution" SET status = 'failed', "startedAt" = "createdAt", "finishedAt" = "createdAt" + interval '1.5 seconds',
              error = '{"type":"NodeError","message":"boom","nodeId":"done"}' WHERE id = $1`,
      [viaToken],
    );

    const all = await list({});
    expect(all.items.map((i) => i.id)).toEqual([cli, viaToken, manual]);
    expect(all.items.map((i) => i.trigger)).toEqual(["cli", "api", "manual"]);
    expect(all.items[1]).toMatchObject({ status: "failed", version: 1, durationMs: 1500, error: { message: "boom", nodeId: "done" } });
    expect(all.items[0]).toMatchObject({ status: "queued", durationMs: null, error: null, startedAt: null, finishedAt: null });
    expect(all.nextCursor).toBeNull();

    expect((await list({ status: ["failed"] })).items.map((i) => i.id)).toEqual([viaToken]);
    expect((await list({ status: ["failed", "queued"] })).items).toHaveLength(3);
    expect((await list({ trigger: "manual" })).items.map((i) => i.id)).toEqual([manual]);
    expect((await list({ status: ["queued"], trigger: "api" })).items).toEqual([]);
    await db.pool.query(`DELETE FROM "Execution" WHERE "workflowId" = $1`, [workflowId]);
  });

  it("pages by cursor without repeats or holes, while new executions arrive and rows share a millisecond", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await start(builder));
    // Three of them created in the same millisecond: the id decides their order.
    await db.pool.query(`UPDATE "Execution" SET "createdAt" = (SELECT "createdAt" FROM "Execution" WHERE id = $1) WHERE id = ANY($2)`, [ids[3], ids.slice(2, 5)]);
    const expected = (await list({ limit: 100 })).items.map((i) => i.id);
    expect(expected).toHaveLength(7);

    const first = await list({ limit: 3, cursor: null }); // tRPC's infinite queries may send a null first cursor
    expect(first.items.map((i) => i.id)).toEqual(expected.slice(0, 3));
    const arrived = await start(builder); // newer than everything: must not shift later pages
    const second = await list({ limit: 3, cursor: first.nextCursor });
    const third = await list({ limit: 3, cursor: second.nextCursor });
    expect([...second.items, ...third.items].map((i) => i.id)).toEqual(expected.slice(3));
    expect(third.nextCursor).toBeNull();
    expect((await list({ limit: 1 })).items[0]!.id).toBe(arrived);
  });

  it("refuses bad input with a sentence naming the field", async () => {
    const badStatus = await viewer.query("execution.list", { workflowId, status: ["finished"] });
    expect(badStatus).toMatchObject({ ok: false, status: 400 });
    if (!badStatus.ok) expect(badStatus.error.message).toMatch(/^Invalid request: status\.0: /);
    const badLimit = await viewer.query("execution.list", { workflowId, limit: 500 });
    if (!badLimit.ok) expect(badLimit.error.message).toMatch(/^Invalid request: limit: /);
    expect(badLimit.ok).toBe(false);
    const badTrigger = await viewer.query("execution.list", { workflowId, trigger: "fax" });
    if (!badTrigger.ok) expect(badTrigger.error.message).toMatch(/^Invalid request: trigger: /);
    expect(badTrigger.ok).toBe(false);
    const badCursor = await viewer.query("execution.list", { workflowId, cursor: "not-a-cursor" });
    expect(badCursor).toMatchObject({ ok: false, status: 400, error: { message: "cursor: not a cursor this list returned (use nextCursor as it came)" } });
  });
});
