import { decideApproval } from "@/server/execution/execution-service";
import type { Json } from "@/engine/execution-types";
import { CliError } from "../cli-error";
import { withCliDatabase } from "../cli-database";
import { callRemote, remoteApi } from "../remote-api";
import { parseArgs, parseJsonOption } from "../parse-args";

/** `wf decide TASK_ID approve|reject [--comment TEXT] [--data JSON] [--by WHO]`: decide an approval task. */
export async function decideCommand(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ["comment", "data", "by"]);
  const [taskId, verb] = positional;
  if (!taskId || (verb !== "approve" && verb !== "reject")) throw new CliError("usage: wf decide TASK_ID approve|reject [--comment TEXT] [--data JSON] [--by WHO]", 2);
  const data = parseJsonOption("data", options.data) as Json | undefined;
  const decision = verb === "approve" ? "approved" : "rejected";
  const remote = remoteApi();
  if (remote) {
    // Through the server the decision is the token owner's: it checks the task's assignees and records them.
    if (options.by !== undefined) throw new CliError("--by is not allowed with SWITCHYARD_URL: the server records the token's user", 2);
    const result = await callRemote("decide", () => remote.approval.decide.mutate({ taskId, decision, data, comment: options.comment }));
    console.log(JSON.stringify({ taskId, ...result, decision }));
    return 0;
  }
  return withCliDatabase(async ({ pool }) => {
    const result = await decideApproval(pool, {
      taskId,
      decision: verb === "approve" ? "approved" : "rejected",
      data,
      comment: options.comment,
      by: options.by ?? "cli",
    });
    console.log(JSON.stringify({ taskId, ...result, decision: verb === "approve" ? "approved" : "rejected" }));
    return 0;
  });
}
