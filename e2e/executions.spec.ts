import { createWorkflowThroughApi, expect, test, uniqueName } from "./fixtures/workflows";
import { BuilderPage } from "./fixtures/builder";
import { chainDocument, ExecutionPage, executionReport, startExecutionThroughApi, TERMINAL } from "./fixtures/executions";

/**
 * Running a workflow and watching it: the run input, the live canvas, a loop's
 * iterations, the executions list (filters, paging) and the execution page
 * (live timeline, data, node runs, a failure, cancelling).
 */

/** trigger → a short delay (to watch it run) → loop over input.items with a `set` body → output. */
function loopDocument(name: string) {
  return {
    version: 1,
    name,
    nodes: [
      { id: "start", type: "trigger.manual", name: "Start", config: {}, position: { x: 0, y: 80 } },
      { id: "pause", type: "delay", name: "Pause", config: { seconds: 1.5 }, position: { x: 280, y: 80 } },
      { id: "each", type: "loop", name: "For each item", config: { mode: "for", items: "{{ input.items }}" }, position: { x: 560, y: 80 } },
      { id: "double", type: "set", name: "Double", config: { values: { item: "{{ loop.item }}", doubled: "{{ loop.item * 2 }}" }, keepInput: false }, position: { x: 860, y: -40 } },
      { id: "result", type: "output", name: "Result", config: { value: "{{ input }}" }, position: { x: 860, y: 200 } },
    ],
    edges: [
      { source: "start", target: "pause" },
      { source: "pause", target: "each" },
      { source: "each", sourceHandle: "body", target: "double" },
      { source: "each", sourceHandle: "done", target: "result" },
    ],
    settings: {},
  };
}

test("run with an input from the editor, watch it, see each iteration, the input is remembered", async ({ page, request, editor }, testInfo) => {
  test.setTimeout(90_000);
  const builder = new BuilderPage(page, editor);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const name = uniqueName("Loop run");
  const workflowId = await createWorkflowThroughApi(request, name, loopDocument(name));

  await editor.goto(workflowId);
  await expect(editor.node("For each item")).toBeVisible();
  for (const node of ["Start", "Pause", "For each item", "Double", "Result"]) await expect(builder.status(node)).toHaveAttribute("data-status", "idle");
  await shot("01-editor.png");

  // The run input: invalid JSON is named and disables running.
  await page.getByRole("button", { name: "Run input" }).click();
  const dialog = page.getByRole("dialog", { name: "Run input" });
  const input = dialog.getByRole("textbox", { name: "Input (JSON)" });
  const runWithInput = dialog.getByRole("button", { name: "Run with this input" });
  await expect(input).toBeFocused();
  await input.fill("");
  await input.pressSequentially('{"items":[1,2,3]');
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(runWithInput).toBeDisabled();
  await expect(builder.runButton).toBeDisabled();
  await shot("02-invalid-input.png");
  await input.press("End");
  await input.pressSequentially("}");
  await expect(input).toHaveValue('{"items":[1,2,3]}');
  await expect(input).not.toHaveAttribute("aria-invalid", "true");
  await expect(runWithInput).toBeEnabled();
  await shot("03-valid-input.png");

  // Run: the delay is visibly in progress, then every node has succeeded.
  await runWithInput.click();
  await expect(dialog).toBeHidden();
  const banner = page.getByRole("region", { name: "Current run" });
  await expect(banner).toBeVisible();
  await expect(builder.status("Start")).toHaveAttribute("data-status", "succeeded");
  await expect(builder.status("Pause")).toHaveAttribute("data-status", /^(running|waiting)$/);
  await expect(builder.status("Double")).toHaveAttribute("data-status", "idle");
  await shot("04-running.png");
  for (const node of ["Pause", "For each item", "Double", "Result"]) await expect(builder.status(node)).toHaveAttribute("data-status", "succeeded");
  await expect(banner.getByText("Succeeded")).toBeVisible();
  // The loop ran its body once per item: the loop counts iterations, the body node its runs.
  await expect(editor.node("For each item")).toContainText("× 3 iterations");
  await expect(editor.node("Double")).toContainText("× 3 runs");
  await shot("05-succeeded.png");

  // The body node lists each iteration, each with its input and output.
  await editor.node("Double").click({ position: { x: 60, y: 20 } });
  const runs = page.getByRole("region", { name: "Runs of Double" });
  await expect(runs).toBeVisible();
  const rows = runs.getByRole("list", { name: "Run list" }).getByRole("button");
  await expect(rows).toHaveCount(3);
  for (let index = 0; index < 3; index++) await expect(rows.nth(index)).toHaveAccessibleName(/, attempt 1, Succeeded$/);
  await rows.nth(0).click();
  await expect(runs.getByRole("tab", { name: "Input" })).toBeVisible();
  await runs.getByRole("tab", { name: "Output" }).click();
  await expect(runs.getByText('"doubled": 2')).toBeVisible();
  await rows.nth(0).click(); // fold it again
  await rows.nth(2).click();
  await runs.getByRole("tab", { name: "Output" }).click();
  await expect(runs.getByText('"doubled": 6')).toBeVisible();
  await shot("06-iterations.png");

  // The input is remembered for this workflow after a reload.
  await page.reload();
  await expect(editor.node("For each item")).toBeVisible();
  await page.getByRole("button", { name: "Run input" }).click();
  await expect(page.getByRole("dialog", { name: "Run input" }).getByRole("textbox", { name: "Input (JSON)" })).toHaveValue('{"items":[1,2,3]}');
  await shot("07-input-remembered.png");
});

test("the executions list: statuses, filters, paging, and a failed run's page", async ({ page, request, editor }, testInfo) => {
  test.setTimeout(120_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const name = uniqueName("Many runs");
  const document = {
    version: 1,
    name,
    nodes: [
      { id: "start", type: "trigger.manual", name: "Start", config: {}, position: { x: 0, y: 0 } },
      { id: "check", type: "if", name: "Should fail?", config: { condition: "{{ input.fail === true }}" }, position: { x: 280, y: 0 } },
      { id: "boom", type: "fail", name: "Boom", config: { message: "Asked to fail" }, position: { x: 560, y: -100 } },
      { id: "result", type: "output", name: "Result", config: { value: "{{ input }}" }, position: { x: 560, y: 100 } },
    ],
    edges: [
      { source: "start", target: "check" },
      { source: "check", sourceHandle: "true", target: "boom" },
      { source: "check", sourceHandle: "false", target: "result" },
    ],
    settings: {},
  };
  const workflowId = await createWorkflowThroughApi(request, name, document);
  // 26 that succeed, then 2 that fail (the newest, so on the first page).
  const ids: string[] = [];
  for (let index = 0; index < 26; index++) ids.push(await startExecutionThroughApi(request, workflowId, { n: index }));
  const failedIds = [await startExecutionThroughApi(request, workflowId, { fail: true }), await startExecutionThroughApi(request, workflowId, { fail: true })];
  ids.push(...failedIds);
  await expect
    .poll(async () => (await Promise.all(ids.map((id) => executionReport(request, id)))).filter((r) => TERMINAL.includes(r.status)).length, { timeout: 60_000 })
    .toBe(28);

  // From the editor's toolbar to the list.
  await editor.goto(workflowId);
  await expect(editor.node("Start")).toBeVisible();
  await page.getByRole("link", { name: "Executions", exact: true }).click();
  await page.waitForURL(`**/workflows/${workflowId}/executions`);
  await expect(page.getByRole("heading", { name: "Executions", level: 1 })).toBeVisible();
  const table = page.getByRole("table");
  const rows = table.locator("tbody").getByRole("row");
  await expect(rows).toHaveCount(25);
  // Newest first: the two failures lead, each with its error; the rest succeeded.
  for (const index of [0, 1]) {
    await expect(rows.nth(index).getByRole("cell").nth(0)).toHaveText("Failed");
    await expect(rows.nth(index)).toContainText("Asked to fail");
  }
  await expect(rows.nth(2).getByRole("cell").nth(0)).toHaveText("Succeeded");
  // Duration and how it was started (through the API with the owner's session: "Manual (app)").
  await expect(rows.nth(2).getByRole("cell").nth(2)).toHaveText(/^\d+(\.\d+)? (ms|s)$/);
  await expect(rows.nth(2).getByRole("cell").nth(3)).toHaveText("Manual (app)");
  await expect(rows.nth(2).getByRole("cell").nth(4)).toHaveText("v1");
  await shot("01-list.png");

  // Paging: the older runs come with "Load more", which then goes away.
  const loadMore = page.getByRole("button", { name: "Load more" });
  await loadMore.click();
  await expect(rows).toHaveCount(28);
  await expect(loadMore).toBeHidden();
  await rows.nth(27).scrollIntoViewIfNeeded();
  await shot("02-all-loaded.png");

  // Status chips filter.
  const chips = page.getByRole("group", { name: "Filter by status" });
  await chips.getByRole("button", { name: "Failed", exact: true }).click();
  await expect(chips.getByRole("button", { name: "Failed", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(rows).toHaveCount(2);
  await shot("03-filter-failed.png");
  await chips.getByRole("button", { name: "Failed", exact: true }).click();
  await chips.getByRole("button", { name: "Succeeded", exact: true }).click();
  await expect(rows).toHaveCount(25);
  await expect(rows.getByText("Failed", { exact: true })).toHaveCount(0);
  await expect(loadMore).toBeVisible();
  await chips.getByRole("button", { name: "Cancelled", exact: true }).click();
  await chips.getByRole("button", { name: "Succeeded", exact: true }).click();
  await expect(page.getByRole("heading", { name: "No runs match these filters" })).toBeVisible();
  await shot("04-filter-empty.png");
  await page.getByRole("button", { name: "Clear filters" }).click();
  // Back to every run (the pages loaded before are kept).
  await expect(rows).toHaveCount(28);

  // A row opens its execution: a failed one shows the failure and where it happened.
  await rows.nth(0).getByRole("cell").nth(2).click();
  await page.waitForURL(`**/executions/${failedIds[1]}`);
  const execution = new ExecutionPage(page);
  await expect(execution.status).toHaveText("Failed");
  await expect(execution.data.getByText("Boom: Asked to fail")).toBeVisible();
  await expect(editor.node("Boom").locator("[data-status]")).toHaveAttribute("data-status", "failed");
  await expect(editor.node("Result").locator("[data-status]")).toHaveAttribute("data-status", "skipped");
  await execution.data.getByRole("tab", { name: "Error" }).click();
  await expect(execution.data.getByText('"message": "Asked to fail"')).toBeVisible();
  await shot("05-failed-execution.png");
  await editor.node("Boom").click({ position: { x: 60, y: 20 } });
  const runs = execution.runsOf("Boom");
  await runs.getByRole("button", { name: /^boom, attempt 1, Failed$/ }).click();
  await expect(runs.getByText("Asked to fail").first()).toBeVisible();
  await shot("06-failed-node-runs.png");
});

test("filter the executions list by how runs were started: in the app, or with an API token", async ({ page, request, playwright, baseURL }, testInfo) => {
  const name = uniqueName("Started how");
  const workflowId = await createWorkflowThroughApi(
    request,
    name,
    chainDocument(name, [{ id: "result", type: "output", name: "Result", config: { value: "done" } }]),
  );
  // Two from the app (the owner's session: "Manual (app)"), one by a script with the owner's API token ("API").
  const byApp = [await startExecutionThroughApi(request, workflowId), await startExecutionThroughApi(request, workflowId)];
  const created = await request.post("/api/trpc/token.create", { data: { json: { name: `script ${Date.now()}` } } });
  const token = ((await created.json()) as { result: { data: { json: { token: string } } } }).result.data.json.token;
  // A script: no browser session, only the token.
  const script = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const byScript = await script.post("/api/trpc/execution.start", { data: { json: { workflowId } } });
  expect(byScript.ok()).toBe(true);
  const scriptId = ((await byScript.json()) as { result: { data: { json: { executionId: string } } } }).result.data.json.executionId;
  await script.dispose();
  await expect.poll(async () => (await Promise.all([...byApp, scriptId].map((id) => executionReport(request, id)))).every((r) => r.status === "succeeded")).toBe(true);

  await page.goto(`/workflows/${workflowId}/executions`);
  const rows = page.getByRole("table").locator("tbody").getByRole("row");
  await expect(rows).toHaveCount(3);
  const trigger = page.getByLabel("Filter by trigger");
  await trigger.selectOption({ label: "API" });
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0).getByRole("cell").nth(3)).toHaveText("API");
  await page.screenshot({ path: testInfo.outputPath("01-trigger-api.png") });
  await trigger.selectOption({ label: "Manual (app)" });
  await expect(rows).toHaveCount(2);
  await expect(rows.getByRole("cell", { name: "API", exact: true })).toHaveCount(0);
  await trigger.selectOption({ label: "Command line" });
  await expect(page.getByRole("heading", { name: "No runs match these filters" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("02-trigger-none.png") });
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows).toHaveCount(3);
});

test("the execution page streams a run live, shows its data, and a node's runs", async ({ page, request, editor }, testInfo) => {
  test.setTimeout(90_000);
  const builder = new BuilderPage(page, editor);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const name = uniqueName("Watch me");
  const document = chainDocument(name, [
    { id: "first", type: "delay", name: "First wait", config: { seconds: 3 } },
    { id: "greet", type: "set", name: "Greet", config: { values: { greeting: "Hello {{ input.name }}" } } },
    { id: "second", type: "delay", name: "Second wait", config: { seconds: 3 } },
    { id: "result", type: "output", name: "Result", config: { value: "{{ input }}" } },
  ]);
  const workflowId = await createWorkflowThroughApi(request, name, document);

  // Run from the editor, then follow "Open execution" while it is still going.
  await editor.goto(workflowId);
  await expect(editor.node("Start")).toBeVisible();
  await page.getByRole("button", { name: "Run input" }).click();
  await page.getByRole("textbox", { name: "Input (JSON)" }).fill('{"name":"Ada"}');
  await page.getByRole("button", { name: "Run with this input" }).click();
  await page.getByRole("region", { name: "Current run" }).getByRole("link", { name: "Open execution" }).click();
  await page.waitForURL(/\/executions\/[^/]+$/);
  const execution = new ExecutionPage(page);
  await expect(execution.status).toHaveText(/^(Running|Waiting|Queued)$/);
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await expect(execution.cancelButton).toBeVisible();
  // The timeline grows while the run goes on.
  await expect.poll(() => execution.shownEventCount()).toBeGreaterThan(0);
  const early = await execution.shownEventCount();
  await shot("01-running.png");
  await expect.poll(() => execution.shownEventCount()).toBeGreaterThan(early);
  await shot("02-still-running.png");

  await expect(execution.status).toHaveText("Succeeded");
  for (const node of ["Start", "First wait", "Greet", "Second wait", "Result"]) await expect(builder.status(node)).toHaveAttribute("data-status", "succeeded");
  await expect(execution.cancelButton).toBeHidden();
  await expect(execution.timelineRows).toHaveCount(await execution.shownEventCount());
  await expect(execution.timelineRows.last()).toContainText("Run succeeded");
  // The execution's data: its input, then its output.
  await execution.data.getByRole("tab", { name: "Input" }).click();
  await expect(execution.data.getByText('"name": "Ada"')).toBeVisible();
  await execution.data.getByRole("tab", { name: "Output" }).click();
  await expect(execution.data.getByText('"greeting": "Hello Ada"')).toBeVisible();
  await shot("03-succeeded.png");

  // A node's runs.
  await editor.node("Greet").click({ position: { x: 60, y: 20 } });
  const runs = execution.runsOf("Greet");
  await expect(runs).toBeVisible();
  await runs.getByRole("button", { name: /^greet, attempt 1, Succeeded$/ }).click();
  await runs.getByRole("tab", { name: "Input" }).click();
  await expect(runs.getByText('"name": "Ada"')).toBeVisible();
  await runs.getByRole("tab", { name: "Output" }).click();
  await expect(runs.getByText('"greeting": "Hello Ada"')).toBeVisible();
  await shot("04-node-runs.png");
});

test("cancel a running execution", async ({ page, request, editor }, testInfo) => {
  const builder = new BuilderPage(page, editor);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const name = uniqueName("Long wait");
  const workflowId = await createWorkflowThroughApi(
    request,
    name,
    chainDocument(name, [
      { id: "wait", type: "delay", name: "Long wait", config: { seconds: 600 } },
      { id: "result", type: "output", name: "Result", config: { value: "{{ input }}" } },
    ]),
  );
  const executionId = await startExecutionThroughApi(request, workflowId);
  const execution = new ExecutionPage(page);
  await execution.goto(executionId);
  await expect(builder.status("Long wait")).toHaveAttribute("data-status", /^(running|waiting)$/);
  await expect(execution.status).toHaveText(/^(Running|Waiting)$/);
  await shot("01-waiting.png");

  await execution.cancelButton.click();
  await expect(execution.status).toHaveText("Cancelled");
  await expect(execution.cancelButton).toBeHidden();
  await expect(builder.status("Long wait")).toHaveAttribute("data-status", "cancelled");
  await expect(builder.status("Result")).toHaveAttribute("data-status", /^(idle|skipped|cancelled)$/);
  await expect(execution.timelineRows.last()).toContainText("Run cancelled");
  expect((await executionReport(request, executionId)).status).toBe("cancelled");
  await shot("02-cancelled.png");
});

test("what a code node prints is listed with its run, by level", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const name = uniqueName("Chatty");
  const code = 'console.log("hello", input.name, { n: 1 });\nconsole.warn("careful");\nreturn { ok: true };';
  const workflowId = await createWorkflowThroughApi(request, name, chainDocument(name, [{ id: "shout", type: "code", name: "Shout", config: { code } }]));
  const executionId = await startExecutionThroughApi(request, workflowId, { name: "Ada" });
  await expect.poll(async () => (await executionReport(request, executionId)).status).toBe("succeeded");

  const execution = new ExecutionPage(page);
  await execution.goto(executionId);
  // Clicking a node opens its runs once the page shows the run (before, a click only selects it).
  await expect(new BuilderPage(page, editor).status("Shout")).toHaveAttribute("data-status", "succeeded");
  await editor.node("Shout").click({ position: { x: 60, y: 20 } });
  const runs = page.getByRole("region", { name: "Runs of Shout" });
  await runs.getByRole("button", { name: /^shout, attempt 1, Succeeded/ }).click();
  await runs.getByRole("tab", { name: "Logs" }).click();
  await expect(runs.getByText('hello Ada {"n":1}')).toBeVisible();
  await expect(runs.getByText("careful")).toBeVisible();
  await shot("01-logs.png");
});
