import { workflowService } from "@/server/services/workflow-service";
import { readJsonFile } from "../read-document";
import { withCliDatabase } from "../cli-database";

/** `wf import FILE`: store the workflow (a new version if the name exists) and print its id. */
export async function importCommand(args: string[]): Promise<number> {
  const document = readJsonFile(args[0]);
  return withCliDatabase(async ({ prisma }) => {
    const result = await workflowService(prisma).importDocument(document);
    console.log(result.workflowId);
    console.error(
      result.created ? `created workflow ${result.workflowId} (version 1)` : `saved version ${result.version} of workflow ${result.workflowId}`,
    );
    return 0;
  });
}
