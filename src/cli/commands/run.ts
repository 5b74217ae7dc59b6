import { existsSync } from "node:fs";
import type { ExecutionMode, Json } from "@/engine/execution-types";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { readExecutionReport, waitForExecution } from "@/server/execution/execution-report";
import { readHealth } from "@/server/services/health-service";
import { startWorker } from "../../../worker/start-worker";
import { CliError } from "../cli-error";
import { withCliDatabase } from "../cli-database";
import { parseArgs, parseJsonOption } from "../parse-args";
import { readJsonFile } from "../read-document";
import { checkDocument } from "@/server/services/workflow-document";
import { isTerminalStatus } from "@/engine/execution-types";
import { callRemote, remoteApi, type RemoteApi } from "../remote-api";

const MODES = ["normal", "test", "debug"] as const;

/**
 * `wf run FILE|ID [--input JSON] [--idempotency-key K] [--mode normal|test|debug] [--priority N]`:
 * run to a terminal state and print one JSON object. When no worker is alive,
 * an in-process worker runs for the duration, so the command works alone.
 */
export async function runCommand(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ["input", "idempotency-key", "mode", "priority"]);
  const target = positional[0];
  if (!target) throw new CliError("missing FILE or workflow ID", 2);
  const input = (parseJsonOption("input", options.input) ?? {}) as Json;
  const mode = (options.mode ?? "normal") as ExecutionMode;
  if (!MODES.includes(mode)) throw new CliError(`--mode must be one of ${MODES.join(", ")}`, 2);
  const priority = options.priority === undefined ? undefined : Number(options.priority);
  if (priority !== undefined && !Number.isInteger(priority)) throw new CliError("--priority must be a whole number", 2);

  const remote = remoteApi();
  if (remote) {
    if (existsSync(target)) throw new CliError(`${target}: with SWITCHYARD_URL, run a stored workflow by its ID (wf import FILE first)`, 2);
    return runRemotely(remote, { workflowId: target, input, mode, priority, idempotencyKey: options["idempotency-key"] });
  }

  let source: { document: unknown } | { workflowId: string };
  if (existsSync(target)) {
    const checked = checkDocument(readJsonFile(target));
    if (!checked.ok) throw new CliError(`${target}: invalid workflow`, 2, checked.problems.map((p) => p.text));
    source = { document: checked.document };
  } else {
    source = { workflowId: target };
  }

  return withCliDatabase(async ({ pool, url }) => {
    // Another `wf run`'s in-process worker does not count: it stops when that command ends.
    const health = await readHealth(pool);
    const lasting = health.workers.list.filter((w) => w.alive && !w.ephemeral).length;
    const worker =
      lasting > 0
        ? undefined
        : await startWorker({ databaseUrl: url, concurrency: 8, heartbeatSeconds: 5, logLevel: "warn", ephemeral: true });
    try {
      const started = await startExecutionRequest(pool, { ...source, input, mode, priority, idempotencyKey: options["idempotency-key"], eager: true });
      const status = await waitForExecution(pool, started.executionId);
      console.log(JSON.stringify(await readExecutionReport(pool, started.executionId)));
      return status === "succeeded" ? 0 : 1;
    } finally {
      await worker?.stop();
    }
  });
}

/** Start through the server's API and poll until the execution ends; prints the same report. */
async function runRemotely(
  remote: RemoteApi,
  request: { workflowId: string; input: Json; mode: ExecutionMode; priority?: number; idempotencyKey?: string },
): Promise<number> {
  const { executionId } = await callRemote("run", () => remote.execution.start.mutate(request));
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    const report = await callRemote("run", () => remote.execution.get.query({ id: executionId }));
    if (isTerminalStatus(report.status)) {
      console.log(JSON.stringify(report));
      return report.status === "succeeded" ? 0 : 1;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
