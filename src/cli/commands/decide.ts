import { decideApproval } from "@/server/execution/execution-service";
import type { Json } from "@/engine/execution-types";
import { CliError } from "../cli-error";
import { withCliDatabase } from "../cli-database";
import { parseArgs, parseJsonOption } from "../parse-args";

/** `wf decide TASK_ID approve|reject [--comment TEXT] [--data JSON] [--by WHO]`: decide an approval task. */
export async function decideCommand(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ["comment", "data", "by"]);
  const [taskId, verb] = positional;
  if (!taskId || (verb !== "approve" && verb !== "reject")) throw new CliError("usage: wf decide TASK_ID approve|reject [--comment TEXT] [--data JSON] [--by WHO]", 2);
  const data = parseJsonOption("data", options.data) as Json | undefined;
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
