import { describe, expect, it } from "vitest";
import { driverTestContext } from "../../../test/driver-context";
import { doc } from "../../../test/engine-harness";
import type { EngineEvent } from "@/engine/execution-types";
import { advanceExecution, type AdvanceOutcome } from "./advance-execution";
import { beginAndLockExecution } from "./execution-row";
import { startExecutionRequest } from "./execution-service";
import { advanceFromKnownState } from "./known-step";
import type { EffectPayload } from "./jobs";

/**
 * A step computed from the row and state this worker's own last transition
 * committed is written in one statement, without the row lock, and only if
 * nothing changed the execution since (known-step.ts). Anything else is left
 * to the locked path, with nothing written.
 */
const context = driverTestContext();
const deps = () => context.deps();

/** start → first (http) → second (http) → out: after its start step, `first`'s effect job is queued. */
async function startedChain() {
  const url = "http://127.0.0.1:9/never-called"; // the tests deliver the effects' results themselves
  const { executionId } = await startExecutionRequest(context.db.pool, {
    document: doc(
      [
        { id: "start", type: "trigger.manual" },
        { id: "first", type: "http.request", config: { method: "GET", url } },
        { id: "second", type: "http.request", config: { method: "GET", url } },
        { id: "out", type: "output", config: { value: "{{ nodes.second.status }}" } },
      ],
      ["start->first", "first->second", "second->out"],
    ),
    input: {},
  });
  const started = await advanceExecution(deps(), executionId, { type: "start" });
  expect(started.status).toBe("running");
  return { executionId, started };
}

async function effectJobs(executionId: string) {
  const { rows } = await context.db.pool.query<{ id: string; payload: EffectPayload; lockedBy: string | null }>(
    `SELECT id::text, payload, locked_by AS "lockedBy" FROM graphile_worker._private_jobs
      WHERE payload->>'executionId' = $1 AND payload->'command' IS NOT NULL ORDER BY id`,
    [executionId],
  );
  return rows;
}

async function succeeded(executionId: string, node: string): Promise<EngineEvent> {
  const job = (await effectJobs(executionId)).find((j) => j.payload.command.nodeId === node);
  expect(job).toBeDefined();
  const { runKey, attempt } = job!.payload.command;
  return { type: "effect-succeeded", runKey, attempt, output: { status: 200, headers: {}, body: node } };
}

/** What the database holds for the execution (what a locked transition would read). */
async function stored(executionId: string) {
  const client = await context.db.pool.connect();
  try {
    const row = await beginAndLockExecution(client, executionId);
    await client.query("ROLLBACK");
    const runs = await context.db.pool.query<{ nodeId: string; status: string }>(
      `SELECT "nodeId", status FROM "NodeRun" WHERE "executionId" = $1 ORDER BY seq`,
      [executionId],
    );
    return { row: row!, runs: runs.rows.map((r) => `${r.nodeId}:${r.status}`) };
  } finally {
    client.release();
  }
}

function expectKnownRowToMatch(outcome: AdvanceOutcome, row: Awaited<ReturnType<typeof stored>>["row"]) {
  const known = outcome.state!.row!;
  expect(outcome.state!.version).toBe(row.stateVersion);
  expect(JSON.parse(outcome.state!.json)).toEqual(row.state);
  expect({ ...known, state: null, input: null }).toEqual({ ...row, state: null, input: null });
}

describe("a step from the known state, in one statement", () => {
  it("writes what the locked path would, claims the next effect, and completes the job it came from", async () => {
    const { executionId, started } = await startedChain();
    expectKnownRowToMatch(started, (await stored(executionId)).row); // the locked path's outcome row too
    const [firstJob] = await effectJobs(executionId);
    await context.db.pool.query(`UPDATE graphile_worker._private_jobs SET locked_by = 'w-known', locked_at = now() WHERE id = $1`, [firstJob!.id]);

    const outcome = await advanceFromKnownState(deps(), executionId, await succeeded(executionId, "first"), {
      knownState: started.state,
      claimNextEffectFor: "w-known",
      completeJob: { id: firstJob!.id, workerId: "w-known" },
    });
    expect(outcome).toBeDefined();
    expect(outcome!.completedJob).toBe(true);
    expect(outcome!.claimedEffect?.payload).toMatchObject({ command: { nodeId: "second" } });
    const after = await stored(executionId);
    expect(after.runs).toEqual(["start:succeeded", "first:succeeded", "second:running"]);
    expect(after.row.nodeRunCount).toBe(3);
    expectKnownRowToMatch(outcome!, after.row);
    const jobs = await effectJobs(executionId);
    expect(jobs.map((j) => [j.payload.command.nodeId, j.lockedBy])).toEqual([["second", "w-known"]]);
    const events = await context.db.pool.query<{ seq: number; type: string }>(
      `SELECT seq, type FROM "ExecutionEvent" WHERE "executionId" = $1 ORDER BY seq`,
      [executionId],
    );
    expect(events.rows.map((e) => e.seq)).toEqual(events.rows.map((_, i) => i + 1));
    expect(events.rows.at(-1)).toMatchObject({ type: "node.running", seq: after.row.eventSeq });

    // The step that ends the execution is the locked path's (slot, parent, "finished" notice).
    const last = await succeeded(executionId, "second");
    expect(await advanceFromKnownState(deps(), executionId, last, { knownState: outcome!.state })).toBeUndefined();
    const finished = await advanceExecution(deps(), executionId, last, { knownState: outcome!.state });
    const ended = await context.db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(ended.error).toBeNull();
    expect(finished.status).toBe("succeeded");
    expect(ended.output).toBe(200);
  });

  it("writes nothing when another transition changed the execution since", async () => {
    const { executionId, started } = await startedChain();
    await advanceExecution(deps(), executionId, { type: "cancel-requested" });
    const before = await stored(executionId);
    expect(before.row.status).toBe("cancelled");

    const event = await succeeded(executionId, "first");
    expect(await advanceFromKnownState(deps(), executionId, event, { knownState: started.state })).toBeUndefined();
    expect(await stored(executionId)).toEqual(before);
    // Through advanceExecution the same event falls back to the locked path, which sees the cancellation.
    const outcome = await advanceExecution(deps(), executionId, event, { knownState: started.state });
    expect(outcome).toMatchObject({ status: "cancelled", applied: false });
  });

  it("waits for a transition holding the row, then writes nothing, before touching any other row", async () => {
    const { executionId, started } = await startedChain();
    const holder = await context.db.pool.connect();
    try {
      const row = await beginAndLockExecution(holder, executionId);
      const event = await succeeded(executionId, "first");
      const pending = advanceFromKnownState(deps(), executionId, event, { knownState: started.state });
      await new Promise((r) => setTimeout(r, 200));
      // The holder writes the event number the guarded step would have used: had that step inserted
      // its events before waiting for the row, this insert would wait for it — a deadlock.
      await holder.query(`INSERT INTO "ExecutionEvent" ("executionId", seq, type, payload, "createdAt") VALUES ($1, $2, 'test.note', '{}', now())`, [
        executionId,
        row!.eventSeq + 1,
      ]);
      await holder.query(`UPDATE "Execution" SET "stateVersion" = "stateVersion" + 1, "eventSeq" = "eventSeq" + 1 WHERE id = $1`, [executionId]);
      await holder.query("COMMIT");
      expect(await pending).toBeUndefined();
    } finally {
      holder.release();
    }
    const after = await stored(executionId);
    expect(after.runs).toEqual(["start:succeeded", "first:running"]);
  });

  it("leaves a step that does more than start effects to the locked path", async () => {
    const { executionId } = await startExecutionRequest(context.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "first", type: "http.request", config: { method: "GET", url: "http://127.0.0.1:9/x" } },
          { id: "nap", type: "delay", config: { seconds: 60 } },
          { id: "out", type: "output", config: { value: 1 } },
        ],
        ["start->first", "first->nap", "nap->out"],
      ),
      input: {},
    });
    const started = await advanceExecution(deps(), executionId, { type: "start" });
    const event = await succeeded(executionId, "first");
    const before = await stored(executionId);
    // A timer's job is keyed: a held key needs add_job, inside a transaction.
    expect(await advanceFromKnownState(deps(), executionId, event, { knownState: started.state })).toBeUndefined();
    expect(await stored(executionId)).toEqual(before);
    expect((await advanceExecution(deps(), executionId, event, { knownState: started.state })).status).toBe("waiting");
  });
});
