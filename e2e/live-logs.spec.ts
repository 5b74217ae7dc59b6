import { createWorkflowThroughApi, expect, test, uniqueName } from "./fixtures/workflows";
import { BuilderPage } from "./fixtures/builder";
import { chainDocument, ExecutionPage, executionReport, startExecutionThroughApi, TERMINAL } from "./fixtures/executions";

/**
 * The execution page's Logs: what code nodes print shows up while the run is
 * still going, as each code node's run ends, through the live feed (no reload).
 *
 *   Start → Warm up (delay 5 s) → Greet (code, logs) → Slow step (delay 6 s) → Tally (code, logs) → Result
 */
test("a code node's console lines appear on the execution page while the run goes on", async ({ page, request, editor }, testInfo) => {
  test.setTimeout(90_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const name = uniqueName("Live logs");
  const document = chainDocument(name, [
    { id: "warm", type: "delay", name: "Warm up", config: { seconds: 5 } },
    { id: "greet", type: "code", name: "Greet", config: { code: 'console.log("hello from Greet", trigger.who);\nconsole.warn("careful now");\nreturn { greeted: trigger.who };' } },
    { id: "slow", type: "delay", name: "Slow step", config: { seconds: 6 } },
    { id: "tally", type: "code", name: "Tally", config: { code: 'console.log("tally done for", input.greeted);\nreturn input;' } },
    { id: "result", type: "output", name: "Result", config: { value: "{{ input }}" } },
  ]);
  const workflowId = await createWorkflowThroughApi(request, name, document);
  const executionId = await startExecutionThroughApi(request, workflowId, { who: "Ada" });

  const execution = new ExecutionPage(page);
  await execution.goto(executionId);
  const logs = page.getByRole("region", { name: "Logs" });
  const lines = logs.getByRole("log", { name: "Log lines" }).getByRole("listitem");
  // A mark on the window: still there at the end means the page was never reloaded.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  await expect(builder.status("Warm up")).toHaveAttribute("data-status", /^(running|waiting)$/);
  await expect(logs.getByText("No logs yet", { exact: false })).toBeVisible();
  await expect(lines).toHaveCount(0);
  await shot("01-before-any-log.png");

  // Greet ran: its lines are listed while the slow step still holds the run.
  await expect(lines.filter({ hasText: "hello from Greet Ada" })).toBeVisible();
  await expect(lines.filter({ hasText: "careful now" })).toContainText("warn");
  await expect(lines.first()).toContainText("Greet");
  await expect(logs.getByText("2 lines", { exact: true })).toBeVisible();
  expect(TERMINAL, "the run must still be going when its first lines show").not.toContain((await executionReport(request, executionId)).status);
  await expect(execution.status).toHaveText(/^(Running|Waiting)$/);
  await expect(builder.status("Slow step")).toHaveAttribute("data-status", /^(running|waiting)$/);
  await expect(lines.filter({ hasText: "tally done for" })).toHaveCount(0);
  await shot("02-first-lines-while-running.png");

  // Tally's line joins them, after Greet's, and the run ends.
  await expect(lines.filter({ hasText: "tally done for Ada" })).toBeVisible({ timeout: 30_000 });
  await expect(execution.status).toHaveText("Succeeded");
  await expect(lines).toHaveText([/hello from Greet Ada/, /careful now/, /tally done for Ada/]);
  expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await shot("03-all-lines-succeeded.png");

  // Opened afterwards, the page lists the same lines straight away.
  await page.reload();
  await expect(execution.status).toHaveText("Succeeded");
  await expect(lines).toHaveText([/hello from Greet Ada/, /careful now/, /tally done for Ada/]);
  await shot("04-reopened.png");
});

test("a workflow without code nodes says where logs come from", async ({ page, request }, testInfo) => {
  const name = uniqueName("No code");
  const workflowId = await createWorkflowThroughApi(request, name, chainDocument(name, [{ id: "result", type: "output", name: "Result", config: { value: { ok: true } } }]));
  const executionId = await startExecutionThroughApi(request, workflowId);
  const execution = new ExecutionPage(page);
  await execution.goto(executionId);
  await expect(execution.status).toHaveText("Succeeded");
  await expect(page.getByRole("region", { name: "Logs" })).toContainText("Only code nodes print logs");
  await page.screenshot({ path: testInfo.outputPath("01-no-code-nodes.png") });
});
