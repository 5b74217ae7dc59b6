import { cancelExecution } from "@/server/execution/execution-service";
import { CliError } from "../cli-error";
import { withCliDatabase } from "../cli-database";
import { callRemote, remoteApi } from "../remote-api";

/** `wf cancel ID`: ask an execution to stop; prints `{ executionId, status }`. */
export async function cancelCommand(args: string[]): Promise<number> {
  const executionId = args[0];
  if (!executionId) throw new CliError("missing execution ID", 2);
  const remote = remoteApi();
  if (remote) {
    const result = await callRemote("cancel", () => remote.execution.cancel.mutate({ id: executionId }));
    console.log(JSON.stringify({ executionId, status: result.status }));
    return 0;
  }
  return withCliDatabase(async ({ pool }) => {
    const result = await cancelExecution(pool, executionId);
    console.log(JSON.stringify({ executionId, status: result.status }));
    return 0;
  });
}
