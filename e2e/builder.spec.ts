import { expect, test, uniqueName } from "./fixtures/workflows";
import { BuilderPage, stepScreenshots, type StatusChange } from "./fixtures/builder";
import { startTestHttpServer, type TestHttpServer } from "./fixtures/test-http-server";

let service: TestHttpServer;
test.beforeAll(async () => {
  service = await startTestHttpServer((path) => ({ path, approved: true, total: 42 }));
});
test.afterAll(async () => service.close());

/**
 * Issue 6's acceptance test, done as a person would: an empty canvas, a
 * trigger and five steps dragged from the palette, connected with the mouse,
 * each configured in the side panel, saved, run, watched while it runs, and a
 * node's output opened. Screenshots of every step land in test-results/.
 */
test("build a flow on an empty canvas, run it, watch the steps finish in order, open a node's output", async ({ page, workflowList, editor }, testInfo) => {
  test.setTimeout(180_000);
  const builder = new BuilderPage(page, editor);
  const shot = stepScreenshots(page, testInfo);
  await workflowList.goto();
  await workflowList.create(uniqueName("Order check"));

  // A new workflow comes with a manual trigger, "Start": remove it (select, Delete) to start from nothing.
  await builder.select("Start");
  await page.keyboard.press("Delete");
  await expect(builder.nodes()).toHaveCount(0);
  await expect(builder.config).toHaveCount(0);
  // The empty canvas says where to begin; the hint goes with the first node.
  const hint = editor.canvas.getByRole("note").filter({ hasText: "Start with a trigger" });
  await expect(hint).toBeVisible();
  await shot("empty-canvas");

  // Drag a trigger and five steps from the palette onto empty parts of the canvas. A card lands
  // centred under the pointer; these spots keep every card clear of the others, the palette, the
  // minimap and the configuration panel that opens beside the canvas after the first drop.
  const drops = [
    ["Manual trigger", "Manual trigger", 150, 280],
    ["HTTP request", "HTTP request", 400, 60],
    ["If", "If", 660, 60],
    ["Set fields", "Set fields", 660, 300],
    ["Set fields", "Set fields 2", 660, 500],
    ["Output", "Output", 400, 400],
  ] as const;
  for (const [label, name, x, y] of drops) {
    await builder.dragFromPalette(label, x, y);
    await expect(editor.node(name)).toBeVisible();
    // The dropped node is selected and its configuration opens beside the canvas.
    await expect(builder.field("Name")).toHaveValue(name);
  }
  await expect(builder.nodes()).toHaveCount(6);
  await expect(hint).toHaveCount(0);
  for (const [, name] of drops) await expect.poll(() => builder.insideCanvas(name), { message: `${name} wholly in view` }).toBe(true);
  await expect(editor.unsavedChanges).toBeVisible();
  await shot("nodes-dropped");

  // Connect them with the mouse, handle to handle.
  await builder.connect("Manual trigger", "out", "HTTP request");
  await builder.connect("HTTP request", "out", "If");
  await builder.connect("If", "true", "Set fields");
  await builder.connect("If", "false", "Set fields 2");
  await builder.connect("Set fields", "out", "Output");
  await builder.connect("Set fields 2", "out", "Output");
  for (const [source, target] of [["trigger_manual", "http_request"], ["http_request", "if"], ["if", "set"], ["if", "set_2"], ["set", "output"], ["set_2", "output"]]) {
    await expect(editor.edge(source!, target!)).toHaveCount(1);
  }
  await shot("connected");

  // Configure each through the side panel: a name a person would give it, and its fields.
  const problems = builder.problems;
  await builder.select("Manual trigger");
  await expect(builder.config).toContainText("Manual trigger has nothing to configure.");
  await builder.field("Name").fill("New order");
  await expect(editor.node("New order")).toBeVisible();
  await shot("trigger-configured");

  await builder.select("HTTP request");
  // Each field says in plain words what it is for (read out with the field, shown under it).
  await expect(builder.field("URL")).toHaveAccessibleDescription(/The address to call/);
  // Validation runs as you edit: an empty URL marks the node and is named in the problem list.
  await builder.field("URL").fill("");
  await expect(problems).toContainText("HTTP request");
  await expect(problems).toContainText("url");
  await expect(builder.problemMarker("HTTP request")).toBeVisible();
  await shot("http-problem-shown");
  await builder.field("Name").fill("Fetch order");
  // The order id comes from the run's input, handed on by the trigger.
  await builder.field("URL").fill(`${service.url}/orders/{{ input.orderId }}`);
  await expect(problems).toBeHidden();
  await expect(editor.node("Fetch order")).toContainText(`${service.url}/orders/`);
  await shot("http-configured");

  await builder.select("If");
  await builder.field("Name").fill("Approved?");
  await builder.field("Condition").fill("{{ input.body.approved === true }}");
  await shot("if-configured");

  for (const [name, rename, decision] of [["Set fields", "Ship", "ship"], ["Set fields 2", "Hold", "hold"]] as const) {
    await builder.select(name);
    await builder.field("Name").fill(rename);
    await builder.config.getByRole("button", { name: "Add entry to Values" }).click();
    await builder.field("Values key 1").fill("decision");
    await builder.field("Values value 1").fill(decision);
    await expect(editor.node(rename)).toBeVisible();
    await shot(`set-${decision}-configured`);
  }

  await builder.select("Output");
  await builder.field("Name").fill("Result");
  // An expression by default ({{ input }}). Two edges come in, so its input is keyed by the step that
  // ran (the other branch is skipped); the order id is the run's input, the total what the service said.
  await expect(builder.config.getByRole("radio", { name: "Expression" })).toHaveAttribute("aria-checked", "true");
  await builder.field("Value").fill("{{ { order: trigger.orderId, decision: (input.set ?? input.set_2).decision, total: nodes.http_request.body.total } }}");
  await expect(editor.node("Result")).toBeVisible();
  await expect(problems).toBeHidden();
  await shot("output-configured");

  // Tidy up, save (a valid graph publishes version 2).
  await builder.autoLayoutButton.click();
  // Laid out left to right in the order of the flow.
  await expect
    .poll(async () => {
      const xs = await Promise.all(["New order", "Fetch order", "Approved?", "Ship", "Result"].map(async (name) => (await editor.nodePosition(name)).x));
      return xs.every((x, index) => index === 0 || xs[index - 1]! < x);
    })
    .toBe(true);
  await editor.saveButton.click();
  await expect(editor.savedAs(2)).toBeVisible();
  // Close the side panel (click the empty canvas) and fit the flow to the wider canvas (F), to watch the run.
  await builder.clickEmptyCanvas();
  await expect(builder.config).toHaveCount(0);
  await page.keyboard.press("f");
  await expect.poll(() => builder.insideCanvas("Result")).toBe(true);
  await shot("saved");

  // Run with an input. The service holds its answer, so the HTTP step is seen running.
  const held = service.hold("/orders/");
  await builder.recordStatusChanges();
  await page.getByRole("button", { name: "Run input" }).click();
  const runInput = page.getByRole("dialog", { name: "Run input" });
  await runInput.getByLabel("Input (JSON)").fill('{ "orderId": 7 }');
  await shot("run-input");
  await runInput.getByRole("button", { name: "Run with this input" }).click();

  await held.arrived;
  const badge = (name: string, word: string) => editor.node(name).getByText(word, { exact: true });
  await expect(badge("Fetch order", "Running")).toBeVisible();
  await expect(badge("New order", "Succeeded")).toBeVisible();
  for (const name of ["Approved?", "Ship", "Hold", "Result"]) {
    await expect(builder.status(name)).not.toHaveAttribute("data-status", /succeeded|skipped|failed/);
  }
  await shot("running-http");
  held.release();

  // Every step on the taken path turns green; the branch not taken is skipped.
  // (Waits for the end either way, so a failure is reported with the reason its badge gives.)
  await expect(editor.node("Result").locator('[data-status="succeeded"], [data-status="failed"]')).toBeVisible();
  expect(await builder.status("Result").getAttribute("data-status"), `Result: ${await builder.runError("Result")}`).toBe("succeeded");
  for (const name of ["New order", "Fetch order", "Approved?", "Ship", "Result"]) await expect(badge(name, "Succeeded")).toBeVisible();
  await expect(badge("Hold", "Skipped")).toBeVisible();
  await expect(builder.status("Hold")).toHaveAttribute("data-status", "skipped");
  await expect(editor.edge("if", "set").locator("[data-edge-state]")).toHaveAttribute("data-edge-state", "taken");
  await shot("run-finished");
  expect(service.requests.map((r) => r.path)).toEqual(["/orders/7"]);

  // In what order the cards changed, as the page saw them (`batch`: one render of the canvas).
  const changes = await builder.statusChanges();
  await testInfo.attach("status-changes.json", { body: JSON.stringify(changes, null, 2), contentType: "application/json" });
  const seen = (node: string, status: string): StatusChange => {
    const change = BuilderPage.firstSeen(changes, node, status);
    if (!change) throw new Error(`${node} was never seen ${status}; seen: ${JSON.stringify(changes)}`);
    return change;
  };
  // The trigger turned green, and the HTTP step spun, in a render before the HTTP step turned green.
  expect(seen("New order", "succeeded").batch).toBeLessThan(seen("Fetch order", "succeeded").batch);
  expect(seen("Fetch order", "running").batch).toBeLessThan(seen("Fetch order", "succeeded").batch);
  // Nothing after the HTTP step changed before it had finished, and no card went back.
  const httpDone = seen("Fetch order", "succeeded").batch;
  for (const name of ["Approved?", "Ship", "Hold", "Result"]) {
    expect(changes.filter((change) => change.node === name && change.status !== "idle" && change.batch < httpDone), name).toEqual([]);
  }
  // The steps after it finish within a few ms of each other and their events reach the page in one
  // batch, so the canvas turns them green in the same render (never out of order).
  const greens = ["New order", "Fetch order", "Approved?", "Ship", "Result"].map((name) => seen(name, "succeeded"));
  for (let i = 1; i < greens.length; i++) {
    expect(greens[i - 1]!.batch, `${greens[i - 1]!.node} not after ${greens[i]!.node}`).toBeLessThanOrEqual(greens[i]!.batch);
  }
  expect(changes.filter((change) => change.status === "failed")).toEqual([]);

  // Open the output step's run: its output is what the flow produced.
  await editor.node("Result").click({ position: { x: 60, y: 20 } });
  const runs = page.getByRole("region", { name: "Runs of Result" });
  await expect(runs).toBeVisible();
  await runs.getByRole("button", { name: /^output, attempt 1, Succeeded/ }).click();
  await runs.getByRole("tab", { name: "Output" }).click();
  await expect(runs.getByText('"order": 7')).toBeVisible();
  await expect(runs.getByText('"decision": "ship"')).toBeVisible();
  await expect(runs.getByText('"total": 42')).toBeVisible();
  await shot("node-output");

  // The order the steps finished in is spelled out in the execution's event log: open it from the run banner.
  await page.getByRole("region", { name: "Current run" }).getByRole("link", { name: "Open execution" }).click();
  await page.waitForURL(/\/executions\/[^/]+$/);
  const log = page.getByRole("log", { name: "Events" });
  await expect(log).toContainText("Run succeeded");
  await shot("execution-events");
  const rows = await log.getByRole("listitem").allInnerTexts();
  const entries = rows.flatMap((row) => {
    const match = /(Succeeded|Running|Skipped|Failed)\s+(New order|Fetch order|Approved\?|Ship|Hold|Result)(?=\s|$)/.exec(row);
    return match ? [`${match[2]} ${match[1]}`] : [];
  });
  const position = (entry: string) => {
    const index = entries.indexOf(entry);
    expect(index, `"${entry}" in the event log: ${JSON.stringify(entries)}`).toBeGreaterThanOrEqual(0);
    return index;
  };
  const inOrder = ["New order Succeeded", "Fetch order Running", "Fetch order Succeeded", "Approved? Succeeded", "Ship Succeeded", "Result Succeeded"];
  for (let i = 1; i < inOrder.length; i++) {
    expect(position(inOrder[i - 1]!), `${inOrder[i - 1]} before ${inOrder[i]}: ${JSON.stringify(entries)}`).toBeLessThan(position(inOrder[i]!));
  }
  // The branch not taken is skipped once the If has decided, and before the output, which waited for it.
  expect(position("Approved? Succeeded")).toBeLessThan(position("Hold Skipped"));
  expect(position("Hold Skipped")).toBeLessThan(position("Result Succeeded"));
  expect(entries.filter((entry) => entry.endsWith("Failed"))).toEqual([]);
});
