import { cancelExecution } from "@/server/execution/execution-service";
import { CliError } from "../cli-error";
import { withCliDatabase } from "../cli-database";

/** `wf cancel ID`: ask an execution to stop; prints `{ executionId, status }`. */
export async function cancelCommand(args: string[]): Promise<number> {
  const executionId = args[0];
  if (!executionId) throw new CliError("missing execution ID", 2);
  return withCliDatabase(async ({ pool }) => {
    const result = await cancelExecution(pool, executionId);
    console.log(JSON.stringify({ executionId, status: result.status }));
    return 0;
  });
}
