import { startExecution } from "@/engine/interpreter";
import type { StepContext, StepResult } from "@/engine/execution-types";
import type { AdvanceDeps, AdvanceOptions, AdvanceOutcome } from "./advance-execution";
import { nodeRunCap } from "./driver-limits";
import { readExecution, TERMINAL } from "./execution-row";
import { writeUnlockedStep } from "./known-step";
import { cachedExecutionWorkflow } from "./workflow-cache";

/**
 * A start step that ends the execution at once — a workflow of pure nodes
 * (set, code, if, switch, loops over data, output…) runs to its end in its
 * start step — made with one read and one guarded write: no BEGIN, no row lock,
 * no separate COMMIT (save-step.ts's guarded write, as for known-step.ts). Such
 * a start needs nothing else: no admission slot (an execution that ends in its
 * start step never takes one), no timeout job, no slot to release.
 *
 * Which starts end at once is learnt per workflow version (`learnStartShape`,
 * from every start a worker makes) and asked for with the version the start
 * job names (StartPayload.versionId), so a start that waits (a delay, an
 * effect, an approval) is never read twice. A start that turns out otherwise
 * after all (the input took another branch), or a row that changed between the
 * read and the write, returns undefined having written nothing, and the locked
 * path makes the step.
 */
export async function startWithoutLock(deps: AdvanceDeps, executionId: string, options: AdvanceOptions): Promise<AdvanceOutcome | undefined> {
  const client = await deps.pool.connect();
  try {
    const row = await readExecution(client, executionId);
    if (!row || row.status !== "queued") return undefined;
    const workflow = cachedExecutionWorkflow(row);
    if (!workflow) return undefined;
    const now = deps.now?.() ?? new Date();
    const ctx: StepContext = { executionId, startedAt: now.toISOString(), mode: row.mode, now: now.toISOString() };
    const result = startExecution(workflow, row.input, ctx, { sandbox: deps.sandbox });
    const endsHere = endsInItsStartStep(result, nodeRunCap(deps));
    if (row.workflowVersionId) learnStartShape(row.workflowVersionId, endsHere);
    // No commands: the jobs are at most the parent's `child-finished` notice, which needs no query.
    return endsHere ? await writeUnlockedStep(deps, client, row, result, now, options) : undefined;
  } finally {
    client.release();
  }
}

/** A start step that one guarded statement can write: it ends the execution, with no command to carry out. */
export function endsInItsStartStep(result: StepResult, maxNodeRuns: number): boolean {
  return TERMINAL.has(result.state.status) && result.commands.length === 0 && result.runUpdates.length <= maxNodeRuns;
}

/** Per workflow version: did its last start end in the start step? Bounded (oldest forgotten). */
const MAX_VERSIONS = 500;
const startShapes = new Map<string, boolean>();

export function learnStartShape(versionId: string, endsAtOnce: boolean): void {
  startShapes.delete(versionId);
  if (startShapes.size >= MAX_VERSIONS) startShapes.delete(startShapes.keys().next().value as string);
  startShapes.set(versionId, endsAtOnce);
}

/** Whether a start of this version is expected to end at once (unknown: no). */
export function startEndsAtOnce(versionId: string | undefined): boolean {
  return versionId !== undefined && startShapes.get(versionId) === true;
}
