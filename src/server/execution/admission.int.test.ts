import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, type Runner } from "graphile-worker";
import { openTestDatabase } from "../../../test/database";
import { doc, waitFor } from "../../../test/engine-harness";
import { createTaskList } from "../../../worker/tasks";
import { startAbortRegistry, type AbortRegistry } from "../../../worker/abort-registry";
import type { Database } from "@/server/db/prisma";
import { createQuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { startExecutionRequest } from "./execution-service";
import { waitForExecution } from "./execution-report";
import { readExecution } from "./execution-row";

/** A worker whose admission quota is 2 unfinished executions per owner. */
let db: Database;
let runner: Runner;
let aborts: AbortRegistry;
let sandbox: Awaited<ReturnType<typeof createQuickJsSandbox>>;

beforeAll(async () => {
  db = openTestDatabase();
  sandbox = await createQuickJsSandbox();
  aborts = await startAbortRegistry(db.pool);
  const taskList = createTaskList({ pool: db.pool, sandbox, aborts, fetch: globalThis.fetch, maxActivePerOwner: 2 });
  runner = await run({ pgPool: db.pool, taskList, concurrency: 4, pollInterval: 100, noHandleSignals: true, crontab: "" });
});
afterAll(async () => {
  await runner.stop();
  await aborts.stop();
  sandbox.dispose();
});

// start → nap(delay 0.5 s) → done: holds a slot (waiting) for half a second.
const napping = doc(
  [
    { id: "start", type: "trigger.manual" },
    { id: "nap", type: "delay", config: { seconds: 0.5 } },
    { id: "done", type: "output", config: { value: "ok" } },
  ],
  ["start->nap", "nap->done"],
);

describe("per-owner admission quota", () => {
  it("keeps at most 2 executions active; the rest wait queued and all finish, oldest first", async () => {
    const created = await db.prisma.workflow.create({ data: { name: "Quota", latestVersion: 1 } });
    await db.prisma.workflowVersion.create({ data: { workflowId: created.id, version: 1, graph: napping } });
    const started = [];
    for (let i = 0; i < 6; i++) started.push(await startExecutionRequest(db.pool, { workflowId: created.id }));
    for (const e of started) await waitForExecution(db.pool, e.executionId, { timeoutMs: 20_000 });

    const rows = await db.prisma.execution.findMany({ where: { workflowId: created.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(Array(6).fill("succeeded"));
    // Sweep the [startedAt, finishedAt] intervals: never more than 2 at once.
    const edges = rows.flatMap((r) => [
      { t: r.startedAt!.getTime(), d: 1 },
      { t: r.finishedAt!.getTime(), d: -1 },
    ]);
    edges.sort((a, b) => a.t - b.t || a.d - b.d);
    let active = 0;
    let peak = 0;
    for (const e of edges) peak = Math.max(peak, (active += e.d));
    expect(peak).toBe(2);
    // Two are admitted at once — usually the first two created, but their start jobs run concurrently
    // on four worker slots, so a later one can claim a slot before an earlier one's start step has
    // looked. The four that waited are admitted in creation order: first come, first served.
    const startOf = (r: (typeof rows)[number]) => r.startedAt!.getTime();
    const waited = [...rows].sort((a, b) => startOf(a) - startOf(b)).slice(2);
    const createdOrder = [...waited].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(waited.map((r) => r.id)).toEqual(createdOrder.map((r) => r.id));
    // Every slot was given back.
    expect(await db.prisma.admissionSlot.count({ where: { owner: created.id } })).toBe(0);
  });

  it("20 starts at once on 4 worker slots: never more than 2 hold a slot, all finish, every slot comes back", async () => {
    const created = await db.prisma.workflow.create({ data: { name: "Crowd", latestVersion: 1 } });
    await db.prisma.workflowVersion.create({ data: { workflowId: created.id, version: 1, graph: napping } });
    const started = await Promise.all(Array.from({ length: 20 }, () => startExecutionRequest(db.pool, { workflowId: created.id })));
    let peak = 0;
    const sampling = (async () => {
      for (let i = 0; i < 200; i++) {
        const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AdmissionSlot" WHERE owner = $1`, [created.id]);
        peak = Math.max(peak, rows[0]!.n);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    for (const e of started) await waitForExecution(db.pool, e.executionId, { timeoutMs: 30_000 });
    await sampling;
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2);
    const rows = await db.prisma.execution.findMany({ where: { workflowId: created.id } });
    expect(rows.map((r) => r.status)).toEqual(Array(20).fill("succeeded"));
    expect(await db.prisma.admissionSlot.count({ where: { owner: created.id } })).toBe(0);
  }, 60_000);

  it("another owner is not held back by a full quota", async () => {
    const blocker = await db.prisma.workflow.create({ data: { name: "Busy", latestVersion: 1 } });
    await db.prisma.workflowVersion.create({ data: { workflowId: blocker.id, version: 1, graph: { ...napping, settings: {} } } });
    for (let i = 0; i < 4; i++) await startExecutionRequest(db.pool, { workflowId: blocker.id });
    const quick = await startExecutionRequest(db.pool, {
      document: doc([{ id: "start", type: "trigger.manual" }, { id: "done", type: "output", config: { value: 1 } }], ["start->done"]),
    });
    const t0 = Date.now();
    await waitForExecution(db.pool, quick.executionId, { timeoutMs: 10_000 });
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe("whose quota", () => {
  /** A stored workflow whose one version is `graph`. */
  async function stored(name: string, graph: object) {
    const created = await db.prisma.workflow.create({ data: { name, latestVersion: 1 } });
    await db.prisma.workflowVersion.create({ data: { workflowId: created.id, version: 1, graph } });
    return created.id;
  }
  const interval = (r: { startedAt: Date | null; finishedAt: Date | null }) => [r.startedAt!.getTime(), r.finishedAt!.getTime()] as const;

  it("a user's executions share one quota across workflows; another user's, and ones no user started, do not wait for it", async () => {
    const [first, second] = [await stored("Ada's first", napping), await stored("Ada's second", napping)];
    const ada = `ada-${Date.now()}`;
    // Two of Ada's executions of her first workflow fill her quota of 2…
    const filling = [];
    for (let i = 0; i < 2; i++) filling.push(await startExecutionRequest(db.pool, { workflowId: first, startedBy: ada }));
    await waitFor(async () => (await db.prisma.admissionSlot.count({ where: { owner: `user:${ada}` } })) === 2 || undefined);
    // …so her start of another workflow waits, while Grace's and an anonymous start of the same workflows do not.
    const third = await startExecutionRequest(db.pool, { workflowId: second, startedBy: ada });
    const grace = await startExecutionRequest(db.pool, { workflowId: first, startedBy: `grace-${Date.now()}` });
    const anonymous = await startExecutionRequest(db.pool, { workflowId: second });
    const all = [...filling, third, grace, anonymous];
    for (const e of all) await waitForExecution(db.pool, e.executionId, { timeoutMs: 20_000 });

    const rows = await Promise.all(all.map((e) => db.prisma.execution.findUniqueOrThrow({ where: { id: e.executionId } })));
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill("succeeded"));
    expect(rows.map((r) => r.admissionOwner)).toEqual([`user:${ada}`, `user:${ada}`, `user:${ada}`, expect.stringMatching(/^user:grace-/), second]);
    const firstEnd = Math.min(...rows.slice(0, 2).map((r) => interval(r)[1]));
    expect(interval(rows[2]!)[0]).toBeGreaterThanOrEqual(firstEnd); // Ada's third started once one of hers ended
    expect(interval(rows[3]!)[0]).toBeLessThan(firstEnd); // Grace's did not wait for Ada's
    expect(interval(rows[4]!)[0]).toBeLessThan(firstEnd); // nor the anonymous one (its workflow's quota)
    expect(await db.prisma.admissionSlot.count({ where: { executionId: { in: all.map((e) => e.executionId) } } })).toBe(0);
  });

  it("a sub-workflow's child runs in its parent's slot: parents filling the quota still finish", async () => {
    const child = await stored("Child", napping);
    const parent = await stored(
      "Parent",
      doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "sub", type: "subworkflow", config: { workflowId: child, waitForCompletion: true } },
          { id: "done", type: "output", config: { value: "{{ nodes.sub.output }}" } },
        ],
        ["start->sub", "sub->done"],
      ),
    );
    const ada = `ada-${Date.now()}`;
    // Two parents hold both of Ada's slots and wait for their children, which Ada started too (inherited).
    const parents = [];
    for (let i = 0; i < 2; i++) parents.push(await startExecutionRequest(db.pool, { workflowId: parent, startedBy: ada }));
    for (const p of parents) expect(await waitForExecution(db.pool, p.executionId, { timeoutMs: 15_000 })).toBe("succeeded");
    const children = await db.prisma.execution.findMany({ where: { parentExecutionId: { in: parents.map((p) => p.executionId) } } });
    expect(children.map((c) => [c.status, c.startedBy, c.admissionOwner])).toEqual(Array(2).fill(["succeeded", ada, `user:${ada}`]));
  });
});

describe("claiming a slot", () => {
  /** An owner whose slot numbers `taken` are held by waiting executions, and a queued newcomer of it (its row). */
  async function ownerHolding(name: string, taken: number[]) {
    const owner = await db.prisma.workflow.create({ data: { name, latestVersion: 1 } });
    const holders = await db.prisma.execution.createManyAndReturn({ data: taken.map(() => ({ workflowId: owner.id, status: "waiting" })) });
    await db.prisma.admissionSlot.createMany({ data: holders.map((h, i) => ({ owner: owner.id, slot: taken[i]!, executionId: h.id })) });
    const newcomer = await db.prisma.execution.create({ data: { workflowId: owner.id } });
    return { owner, row: (await readExecution(db.pool, newcomer.id))! };
  }

  /** The newcomer's admission, rolled back after: whether it was admitted, and the slot numbers it then held. */
  async function tryAdmit(row: { id: string }, limit: number): Promise<{ admitted: boolean; slots: number[] }> {
    const { admitExecution } = await import("./admission");
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      const admitted = await admitExecution(client, row as Parameters<typeof admitExecution>[1], limit);
      const { rows } = await client.query<{ slot: number }>(`SELECT slot FROM "AdmissionSlot" WHERE "executionId" = $1`, [row.id]);
      return { admitted, slots: rows.map((r) => r.slot) };
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  }

  it("probes as many random numbers as it takes to expect 8 free ones, and lists them all near the quota (at 1,000 or more probes)", async () => {
    const { probesFor } = await import("./admission");
    const { rows } = await db.pool.query<{ probes: number }>(`SELECT ${probesFor("a", "1000")} AS probes FROM unnest($1::int[]) WITH ORDINALITY AS t(a, n) ORDER BY n`, [[0, 500, 900, 990, 999, 1000]]);
    expect(rows.map((r) => r.probes)).toEqual([8, 16, 80, 800, 1000, 1000]);
  });

  it("at half the quota takes a free number found by random probes, never a taken one, spread at random", async () => {
    const limit = 1000;
    const evens = Array.from({ length: limit / 2 }, (_, i) => 2 * i);
    const { row } = await ownerHolding("Half full", evens);
    const taken = new Set<number>();
    for (let i = 0; i < 10; i++) {
      const { admitted, slots } = await tryAdmit(row, limit);
      expect(admitted).toBe(true);
      expect(slots).toHaveLength(1);
      expect(slots[0]! % 2).toBe(1);
      taken.add(slots[0]!);
    }
    expect(taken.size).toBeGreaterThan(5); // not the lowest free number every time
  });

  it("finds the one free number of a nearly full quota every time, and refuses a full one", async () => {
    const limit = 50;
    const free = 3;
    const { owner, row } = await ownerHolding("Nearly full", Array.from({ length: limit }, (_, i) => i).filter((n) => n !== free));
    for (let i = 0; i < 20; i++) expect(await tryAdmit(row, limit)).toEqual({ admitted: true, slots: [free] });
    // The last number taken: the quota is full, the start is refused.
    const last = await db.prisma.execution.create({ data: { workflowId: owner.id, status: "waiting" } });
    await db.prisma.admissionSlot.create({ data: { owner: owner.id, slot: free, executionId: last.id } });
    expect(await tryAdmit(row, limit)).toEqual({ admitted: false, slots: [] });
  });
});

describe("first come, first served", () => {
  it("a start that finds a free slot while an older execution is deferred yields the slot to it", async () => {
    const { advanceExecution } = await import("./advance-execution");
    const owner = await db.prisma.workflow.create({ data: { name: "Fair", latestVersion: 1 } });
    const version = await db.prisma.workflowVersion.create({ data: { workflowId: owner.id, version: 1, graph: napping } });
    // The older one is deferred with no start job (its wake-up not yet delivered); the slot is free.
    const older = await db.prisma.execution.create({
      data: { workflowId: owner.id, workflowVersionId: version.id, input: {}, admissionDeferred: true, createdAt: new Date(Date.now() - 1000) },
    });
    const newer = await db.prisma.execution.create({ data: { workflowId: owner.id, workflowVersionId: version.id, input: {} } });

    const outcome = await advanceExecution({ pool: db.pool, sandbox, maxActivePerOwner: 2 }, newer.id, { type: "start" });
    expect(outcome).toMatchObject({ status: "queued", applied: false });
    // The yielded slot started the older one (the worker ran its start job); when it ends it wakes the newer.
    await waitForExecution(db.pool, older.id, { timeoutMs: 10_000 });
    await waitForExecution(db.pool, newer.id, { timeoutMs: 10_000 });
    const [a, b] = await Promise.all([older, newer].map((e) => db.prisma.execution.findUniqueOrThrow({ where: { id: e.id } })));
    expect([a!.status, b!.status]).toEqual(["succeeded", "succeeded"]);
    expect(a!.startedAt!.getTime()).toBeLessThan(b!.startedAt!.getTime());
  });
});

describe("lost wake-ups", () => {
  it("restartDeferredExecutions starts a deferred execution nobody woke", async () => {
    const { restartDeferredExecutions } = await import("./admission");
    const lonely = await db.prisma.workflow.create({ data: { name: "Lonely", latestVersion: 1 } });
    await db.prisma.workflowVersion.create({ data: { workflowId: lonely.id, version: 1, graph: napping } });
    // An execution left deferred with no start job (as if its wake-up was lost in a race).
    const execution = await db.prisma.execution.create({
      data: { workflowId: lonely.id, workflowVersionId: (await db.prisma.workflowVersion.findFirstOrThrow({ where: { workflowId: lonely.id } })).id, input: {}, admissionDeferred: true },
    });
    expect(await restartDeferredExecutions(db.pool)).toBeGreaterThanOrEqual(1);
    await waitForExecution(db.pool, execution.id, { timeoutMs: 10_000 });
    const done = await db.prisma.execution.findUniqueOrThrow({ where: { id: execution.id } });
    expect([done.status, done.admissionDeferred]).toEqual(["succeeded", false]);
  });
});
