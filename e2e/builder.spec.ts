import { expect, test, uniqueName } from "./fixtures/workflows";
import { BuilderPage } from "./fixtures/builder";
import { startTestHttpServer, type TestHttpServer } from "./fixtures/test-http-server";

let service: TestHttpServer;
test.beforeAll(async () => {
  service = await startTestHttpServer((path) => ({ path, approved: true, total: 42 }));
});
test.afterAll(async () => service.close());

/**
 * Issue 6's acceptance test, done as a person would: an empty workflow, nodes
 * dragged from the palette, connected with the mouse, configured in the side
 * panel, saved, run, watched, and a node's output opened.
 */
test("build a flow on the canvas, run it, watch it, open a node's output", async ({ page, workflowList, editor }, testInfo) => {
  test.setTimeout(120_000);
  const builder = new BuilderPage(page, editor);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  await workflowList.goto();
  await workflowList.create(uniqueName("Order check"));
  await expect(editor.node("Start")).toBeVisible();
  await shot("01-empty-workflow.png");

  // Drag five nodes from the palette onto empty parts of the canvas.
  // (Left of the trigger: the configuration panel that opens for a new node narrows the canvas.)
  await builder.dragFromPalette("HTTP request", 140, 60);
  await builder.dragFromPalette("If", 140, 240);
  await builder.dragFromPalette("Set fields", 420, 60);
  await builder.dragFromPalette("Set fields", 420, 240);
  await builder.dragFromPalette("Output", 140, 460);
  for (const name of ["HTTP request", "If", "Set fields", "Set fields 2", "Output"]) await expect(editor.node(name)).toBeVisible();
  await expect(editor.unsavedChanges).toBeVisible();
  await shot("02-nodes-dropped.png");

  // Connect them with the mouse, handle to handle.
  await builder.connect("Start", "out", "HTTP request");
  await builder.connect("HTTP request", "out", "If");
  await builder.connect("If", "true", "Set fields");
  await builder.connect("If", "false", "Set fields 2");
  await builder.connect("Set fields", "out", "Output");
  await builder.connect("Set fields 2", "out", "Output");
  await shot("03-connected.png");

  // Configure each through the side panel.
  // Validation runs as you edit: an empty URL marks the node and is named in the problem list.
  await builder.select("HTTP request");
  // Each field says in plain words what it is for (read out with the field, shown under it).
  await expect(builder.field("URL")).toHaveAccessibleDescription(/The address to call/);
  await expect(builder.config.getByText("Go on even when the answer is an error status")).toBeVisible();
  await builder.field("URL").fill("");
  const problems = page.getByRole("region", { name: "Problems" });
  await expect(problems).toContainText("HTTP request");
  await expect(problems).toContainText("url");
  await expect(editor.node("HTTP request").getByRole("img", { name: /^Problem:/ })).toBeVisible();
  await shot("04-problem-shown.png");
  await builder.field("URL").fill(`${service.url}/orders/7`);
  await expect(problems).toBeHidden();
  await shot("05-http-configured.png");
  await builder.select("If");
  await builder.field("Condition").fill("{{ input.body.approved === true }}");
  for (const [name, decision] of [["Set fields", "ship"], ["Set fields 2", "hold"]] as const) {
    await builder.select(name);
    await builder.config.getByRole("button", { name: "Add entry to Values" }).click();
    await builder.field("Values key 1").fill("decision");
    await builder.field("Values value 1").fill(decision);
  }
  await shot("06-configured.png");
  await expect(problems).toBeHidden();

  // Tidy up, save (a valid graph publishes version 2), run.
  await page.getByRole("button", { name: "Auto-layout" }).click();
  // Laid out left to right in the order of the flow.
  await expect
    .poll(async () => (await editor.nodePosition("Start")).x < (await editor.nodePosition("HTTP request")).x && (await editor.nodePosition("HTTP request")).x < (await editor.nodePosition("If")).x)
    .toBe(true);
  await editor.saveButton.click();
  await expect(editor.savedAs(2)).toBeVisible();
  await shot("07-saved.png");

  await builder.runButton.click();
  // The nodes light up in order; the branch not taken is skipped.
  for (const name of ["Start", "HTTP request", "If", "Set fields", "Output"]) {
    await expect(builder.status(name)).toHaveAttribute("data-status", "succeeded");
  }
  await expect(builder.status("Set fields 2")).toHaveAttribute("data-status", "skipped");
  await expect(editor.edge("if", "set").locator("[data-edge-state]")).toHaveAttribute("data-edge-state", "taken");
  await shot("08-run-finished.png");
  expect(service.requests.map((r) => r.path)).toEqual(["/orders/7"]);

  // Open the HTTP node's run: its output is what the service answered.
  await editor.node("HTTP request").click({ position: { x: 60, y: 20 } });
  const runs = page.getByRole("region", { name: "Runs of HTTP request" });
  await expect(runs).toBeVisible();
  await runs.getByRole("button", { name: /^http_request, attempt 1, Succeeded/ }).click();
  await runs.getByRole("tab", { name: "Output" }).click();
  await expect(runs.getByText('"total": 42')).toBeVisible();
  await shot("09-node-output.png");
});
