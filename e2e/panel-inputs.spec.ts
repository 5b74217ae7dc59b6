import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { createWorkflowThroughApi, expect, test, uniqueName, type WorkflowEditorPage } from "./fixtures/workflows";
import { BuilderPage } from "./fixtures/builder";
import { chainDocument, executionReport, type ExecutionReport } from "./fixtures/executions";

/**
 * The node configuration panel's inputs, used as a person uses them: `{{ }}`
 * autocomplete (also from the last run, after a reload), the code editor, a
 * number and a select field — each saved and run to see it took effect.
 */

/**
 * Starts a run the way `start` does (Run, or Run with this input) and waits for
 * it to finish: the banner's link names the new execution (not the one shown
 * before), whose stored report is returned.
 */
async function runAndWait(page: Page, request: APIRequestContext, start: () => Promise<void>): Promise<ExecutionReport> {
  const link = page.getByRole("region", { name: "Current run" }).getByRole("link", { name: "Open execution" });
  const before = (await link.count()) > 0 ? await link.getAttribute("href") : null;
  await start();
  await expect(link).toHaveAttribute("href", /^\/executions\/.+/);
  await expect.poll(() => link.getAttribute("href")).not.toBe(before);
  const executionId = (await link.getAttribute("href"))?.split("/").pop() ?? "";
  await expect.poll(async () => (await executionReport(request, executionId)).status).toMatch(/^(succeeded|failed)$/);
  return executionReport(request, executionId);
}

/**
 * With a run shown a click on a node lists its runs; closing them shows its configuration.
 * After a reload, once the node shows how it ran (the last run is read after the first paint).
 */
async function configureDuringRunView(page: Page, editor: WorkflowEditorPage, builder: BuilderPage, name: string) {
  await expect(builder.status(name)).not.toHaveAttribute("data-status", "idle");
  await editor.node(name).click({ position: { x: 60, y: 20 } });
  await page.getByRole("region", { name: `Runs of ${name}` }).getByRole("button", { name: "Close runs panel" }).click();
  await expect(builder.config.getByLabel("Name", { exact: true })).toHaveValue(name);
}

const suggestionList = (field: Locator) => field.page().getByRole("listbox", { name: "Suggestions" });
/** The suggestion whose label (not its note) is exactly `label`. */
const option = (field: Locator, label: string) =>
  suggestionList(field).getByRole("option").filter({ has: field.page().getByText(label, { exact: true }) });

test("{{ autocomplete: input. and nodes.<id>., and after a reload the keys only the last run knows", async ({ page, request, editor }, testInfo) => {
  test.setTimeout(90_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const name = uniqueName("Autocomplete");
  const document = chainDocument(name, [
    { id: "make_order", type: "code", name: "Make order", config: { code: "return { order: { id: 7, total: 42 } };" } },
    { id: "label", type: "set", name: "Label", config: { values: { total: "0" }, keepInput: false } },
    { id: "result", type: "output", name: "Result", config: { value: "{{ input }}" } },
  ]);
  const workflowId = await createWorkflowThroughApi(request, name, document);
  await editor.goto(workflowId);
  await expect(editor.node("Label")).toBeVisible();

  // Never run: `{{ ` offers closing it and the roots, upstream nodes spelled out.
  await builder.select("Label");
  const value = builder.config.getByRole("combobox", { name: "Values value 1" });
  await value.fill("");
  await value.pressSequentially("{{ ");
  await expect(value).toHaveAttribute("aria-expanded", "true");
  for (const label of ["}}", "input.", "trigger.", "nodes.start.", "nodes.make_order.", "vars.", "execution.id"]) await expect(option(value, label)).toBeVisible();
  await expect(option(value, "loop.item")).toHaveCount(0); // not inside a loop
  await shot("01-roots.png");
  // Picked with the mouse: `input.` — nothing is known of its keys yet.
  await option(value, "input.").click();
  await expect(value).toHaveValue("{{ input.");
  await expect(value).toBeFocused();
  await expect(suggestionList(value)).toBeHidden();
  // Picked with the keyboard: `nodes.make_order.` after filtering on what is typed.
  await value.fill("");
  await value.pressSequentially("{{ nodes.m");
  await expect(suggestionList(value).getByRole("option")).toHaveText([/^nodes\.make_order\./]);
  await value.press("Enter");
  await expect(value).toHaveValue("{{ nodes.make_order.");
  await value.pressSequentially("order.total }}");
  await shot("02-typed-without-a-run.png");

  // Saved and run: the expression worked.
  await editor.saveButton.click();
  await expect(editor.savedAs(2)).toBeVisible();
  expect((await runAndWait(page, request, () => builder.runButton.click())).output).toEqual({ total: 42 });

  // After a reload the last run feeds the suggestions: keys of what Make order returned.
  await page.reload();
  await expect(builder.status("Label")).toHaveAttribute("data-status", "succeeded");
  await configureDuringRunView(page, editor, builder, "Label");
  await value.fill("");
  await value.pressSequentially("{{ nodes.make_order.");
  await expect(option(value, "nodes.make_order.order.")).toContainText("from the last run");
  await option(value, "nodes.make_order.order.").click();
  await expect(suggestionList(value).getByRole("option")).toHaveText([/^nodes\.make_order\.order\.id/, /^nodes\.make_order\.order\.total/]);
  await shot("03-last-run-keys.png");
  // `input.` too: this node's input is what Make order returned.
  await value.fill("");
  await value.pressSequentially("{{ ");
  await option(value, "input.").click();
  await expect(option(value, "input.order.")).toBeVisible();
  await value.press("Enter");
  await expect(value).toHaveValue("{{ input.order.");
  await value.press("ArrowDown"); // id → total
  await value.press("Tab");
  await expect(value).toHaveValue("{{ input.order.total");
  await value.pressSequentially(" * 2 }}");
  await expect(suggestionList(value)).toBeHidden();
  await shot("04-picked-from-last-run.png");

  await editor.saveButton.click();
  await expect(editor.savedAs(3)).toBeVisible();
  expect((await runAndWait(page, request, () => builder.runButton.click())).output).toEqual({ total: 84 });
});

test("a code node's body, edited in the code editor, is saved and run", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const name = uniqueName("Code editor");
  const workflowId = await createWorkflowThroughApi(
    request,
    name,
    chainDocument(name, [
      { id: "sum", type: "code", name: "Sum", config: { code: "return { total: 0 };" } },
      { id: "result", type: "output", name: "Result", config: { value: "{{ input }}" } },
    ]),
  );
  await editor.goto(workflowId);
  await builder.select("Sum");
  const code = builder.field("Code");
  await code.click();
  await code.press("ControlOrMeta+a");
  await code.press("Delete");
  // Typed line by line; Tab indents (two spaces) inside the editor instead of leaving it.
  for (const line of ["const total = trigger.items.reduce((sum, n) => sum + n, 0);", "if (total > 5) {"]) {
    await code.pressSequentially(line);
    await code.press("Enter");
  }
  await code.press("Tab");
  await code.pressSequentially('console.warn("big total", total);');
  await code.press("Enter");
  await code.pressSequentially("}");
  await code.press("Enter");
  await code.pressSequentially("return { total };");
  await expect(code).toBeFocused();
  await expect(code).toHaveValue(
    'const total = trigger.items.reduce((sum, n) => sum + n, 0);\nif (total > 5) {\n  console.warn("big total", total);\n}\nreturn { total };',
  );
  await expect(builder.unsaved).toBeVisible();
  await shot("01-code-typed.png");

  await editor.saveButton.click();
  await expect(editor.savedAs(2)).toBeVisible();
  const report = await runAndWait(page, request, async () => {
    await page.getByRole("button", { name: "Run input" }).click();
    await page.getByRole("textbox", { name: "Input (JSON)" }).fill('{"items":[1,2,3]}');
    await page.getByRole("button", { name: "Run with this input" }).click();
  });
  expect(report.output).toEqual({ total: 6 });

  // The node's run shows the new code's output and what it printed.
  await expect(builder.status("Sum")).toHaveAttribute("data-status", "succeeded");
  await editor.node("Sum").click({ position: { x: 60, y: 20 } });
  const runs = page.getByRole("region", { name: "Runs of Sum" });
  await runs.getByRole("button", { name: /^sum, attempt 1, Succeeded/ }).click();
  await runs.getByRole("tab", { name: "Output" }).click();
  await expect(runs.getByText('"total": 6')).toBeVisible();
  await runs.getByRole("tab", { name: "Logs" }).click();
  await expect(runs.getByText("big total 6")).toBeVisible();
  await shot("02-run-of-new-code.png");

  // Reopened, the editor holds the saved code.
  await page.reload();
  await configureDuringRunView(page, editor, builder, "Sum");
  await expect(builder.field("Code")).toHaveValue(/console\.warn\("big total", total\);/);
});

test("a select and a number field change how a loop runs", async ({ page, request, editor }, testInfo) => {
  test.setTimeout(90_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const name = uniqueName("Loop fields");
  const workflowId = await createWorkflowThroughApi(request, name, {
    version: 1,
    name,
    nodes: [
      { id: "start", type: "trigger.manual", name: "Start", config: {}, position: { x: 0, y: 80 } },
      { id: "again", type: "loop", name: "Again", config: { mode: "for", items: "{{ [1] }}" }, position: { x: 300, y: 80 } },
      { id: "tick", type: "set", name: "Tick", config: { values: { n: "{{ loop.index }}" }, keepInput: false }, position: { x: 600, y: -40 } },
      { id: "result", type: "output", name: "Result", config: { value: "{{ input }}" }, position: { x: 600, y: 200 } },
    ],
    edges: [
      { source: "start", target: "again" },
      { source: "again", sourceHandle: "body", target: "tick" },
      { source: "again", sourceHandle: "done", target: "result" },
    ],
    settings: {},
  });
  await editor.goto(workflowId);
  await builder.select("Again");

  // The select: "repeat" needs Times, which the form now shows (and flags until it is set).
  const mode = builder.field("Mode");
  await expect(mode).toHaveValue("for");
  await expect(builder.field("Times")).toHaveCount(0);
  await mode.selectOption("repeat");
  await expect(mode).toHaveValue("repeat");
  await expect(builder.field("Times")).toBeVisible();
  await expect(builder.problemMarker("Again")).toBeVisible();
  await shot("01-mode-repeat.png");

  // The numbers: text that is no number is kept and flagged; a number clears it.
  const times = builder.field("Times");
  await times.pressSequentially("3x");
  await expect(times).toHaveValue("3x");
  await expect(times).toHaveAttribute("aria-invalid", "true");
  await shot("02-not-a-number.png");
  await times.press("Backspace");
  await expect(times).toHaveValue("3");
  await expect(times).not.toHaveAttribute("aria-invalid", "true");
  await expect(builder.problemMarker("Again")).toHaveCount(0);

  await editor.saveButton.click();
  await expect(editor.savedAs(2)).toBeVisible();
  expect((await runAndWait(page, request, () => builder.runButton.click())).status).toBe("succeeded");
  await expect(editor.node("Again")).toContainText("× 3 iterations");
  await expect(editor.node("Tick")).toContainText("× 3 runs");
  await shot("03-three-iterations.png");

  // A lower safety stop (Max iterations) than Times fails the loop.
  await configureDuringRunView(page, editor, builder, "Again");
  const maxIterations = builder.field("Max iterations");
  await expect(maxIterations).toHaveAttribute("placeholder", "10000");
  await maxIterations.fill("2");
  await editor.saveButton.click();
  await expect(editor.savedAs(3)).toBeVisible();
  const failed = await runAndWait(page, request, () => builder.runButton.click());
  expect(failed.status).toBe("failed");
  expect(failed.error?.message).toContain("maxIterations (2)");
  await expect(builder.status("Again")).toHaveAttribute("data-status", "failed");
  await shot("04-max-iterations-stop.png");
});
