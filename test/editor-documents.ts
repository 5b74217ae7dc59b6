import { WorkflowDocument } from "@/engine/workflow-schema";

/** The smallest runnable workflow, for the editor store's tests:   start ──out→in── done (output)   */
export const twoNodeDocument = WorkflowDocument.parse({
  version: 1,
  name: "Two nodes",
  nodes: [
    { id: "start", type: "trigger.manual", position: { x: 0, y: 0 } },
    { id: "done", type: "output", config: { value: "{{ input }}" }, position: { x: 300, y: 0 } },
  ],
  edges: [{ source: "start", target: "done" }],
});
