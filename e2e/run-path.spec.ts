import { createWorkflowThroughApi, expect, test, uniqueName } from "./fixtures/workflows";
import { BuilderPage } from "./fixtures/builder";
import { executionReport, startExecutionThroughApi } from "./fixtures/executions";

/**
 * The canvas shows the path a run took, not a guess from which nodes ran:
 *
 *                 ┌─true──┐
 *   Start → Go on? ┤       ├→ Carry on
 *                 └─false─┘
 *
 * Both branches lead to the same node, so "its target ran" is true of both
 * edges; only the branch the `if` took may have the taken styling.
 */
test("an if whose two branches meet: only the branch taken is lit", async ({ page, request, editor }, testInfo) => {
  const builder = new BuilderPage(page, editor);
  const name = uniqueName("Run path");
  const document = {
    version: 1,
    name,
    nodes: [
      { id: "start", type: "trigger.manual", name: "Start", config: {}, position: { x: 0, y: 0 } },
      { id: "check", type: "if", name: "Go on?", config: { condition: "{{ trigger.go }}" }, position: { x: 280, y: 0 } },
      { id: "carry", type: "set", name: "Carry on", config: { values: { went: true } }, position: { x: 560, y: 0 } },
    ],
    edges: [
      { id: "into-check", source: "start", target: "check" },
      { id: "check-true", source: "check", sourceHandle: "true", target: "carry" },
      { id: "check-false", source: "check", sourceHandle: "false", target: "carry" },
    ],
    settings: {},
  };
  const workflowId = await createWorkflowThroughApi(request, name, document);
  const executionId = await startExecutionThroughApi(request, workflowId, { go: false });
  await expect.poll(async () => (await executionReport(request, executionId)).status).toBe("succeeded");

  // The editor opens on its last run.
  await editor.goto(workflowId);
  for (const node of ["Start", "Go on?", "Carry on"]) await expect(builder.status(node)).toHaveAttribute("data-status", "succeeded");
  const edgeState = (id: string) => page.getByTestId(`rf__edge-${id}`).locator("[data-edge-state]");
  await expect(edgeState("into-check")).toHaveAttribute("data-edge-state", "taken");
  await expect(edgeState("check-false")).toHaveAttribute("data-edge-state", "taken");
  await expect(edgeState("check-true")).toHaveAttribute("data-edge-state", "idle");
  await page.screenshot({ path: testInfo.outputPath("only-the-false-branch-lit.png") });
});
