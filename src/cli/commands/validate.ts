import { checkDocument } from "@/server/services/workflow-document";
import { readJsonFile } from "../read-document";

/** `wf validate FILE`: exit 0 when valid; else exit 2 and one line per problem. */
export function validateCommand(args: string[]): number {
  const file = args[0];
  const checked = checkDocument(readJsonFile(file));
  if (checked.ok) {
    console.log(`${file}: valid (${checked.document.nodes.length} nodes, ${checked.document.edges.length} edges)`);
    return 0;
  }
  for (const problem of checked.problems) console.log(problem.text);
  return 2;
}
