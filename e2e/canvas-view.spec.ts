import { BuilderPage } from "./fixtures/builder";
import { chainDocument } from "./fixtures/executions";
import { createWorkflowThroughApi, expect, test, uniqueName } from "./fixtures/workflows";

/**
 * Where the canvas looks: the view follows what a person works on. (Click-to-add
 * following the new step is in editing.spec.ts's palette test.)
 */

test("selecting a step at the canvas's right edge opens its settings beside it, and the view moves to keep it in sight", async ({ page, request, editor }, testInfo) => {
  const builder = new BuilderPage(page, editor);
  const name = uniqueName("Edge");
  const document = chainDocument(name, [
    { id: "set", type: "set", name: "Set fields", config: { values: { a: 1 }, keepInput: true } },
    { id: "wait", type: "delay", name: "Wait", config: { seconds: 1 } },
    { id: "done", type: "output", name: "Done", config: { value: 1 } },
  ]);
  const id = await createWorkflowThroughApi(request, name, document);
  await editor.goto(id);
  await expect(editor.node("Done")).toBeVisible();
  // Fitted to the canvas without the side panel: Done is at its right edge.
  expect(await builder.insideCanvas("Done")).toBe(true);
  await builder.select("Done");
  await expect.poll(() => builder.insideCanvas("Done")).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("01-selected-at-the-edge.png") });
});
