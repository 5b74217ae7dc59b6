import { createWorkflowThroughApi, expect, test, uniqueName } from "./fixtures/workflows";
import { BuilderPage } from "./fixtures/builder";
import { chainDocument, executionReport, startExecutionThroughApi } from "./fixtures/executions";

/**
 * The editor opens on the workflow's last run: its node statuses on the
 * canvas, its runs when a node is clicked — after the run, or during it.
 */
test("a reopened editor shows the last run: statuses, a node's runs, and Hide", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const name = uniqueName("Last run");
  const document = chainDocument(name, [
    { id: "greet", type: "set", name: "Greet", config: { values: { greeting: "Hello {{ trigger.name }}" } } },
    { id: "result", type: "output", name: "Result", config: { value: "{{ input }}" } },
  ]);
  const workflowId = await createWorkflowThroughApi(request, name, document);
  const executionId = await startExecutionThroughApi(request, workflowId, { name: "Grace" });
  await expect.poll(async () => (await executionReport(request, executionId)).status).toBe("succeeded");

  // Opened (not run from here): the last run is on the canvas.
  await editor.goto(workflowId);
  const banner = page.getByRole("region", { name: "Current run" });
  await expect(banner.getByText("Succeeded")).toBeVisible();
  await expect(banner.getByRole("link", { name: "Open execution" })).toHaveAttribute("href", `/executions/${executionId}`);
  for (const node of ["Start", "Greet", "Result"]) await expect(builder.status(node)).toHaveAttribute("data-status", "succeeded");
  await shot("01-opened-on-last-run.png");

  // A node's runs, with that run's data.
  await editor.node("Greet").click({ position: { x: 60, y: 20 } });
  const runs = page.getByRole("region", { name: "Runs of Greet" });
  await runs.getByRole("button", { name: /^greet, attempt 1, Succeeded/ }).click();
  await runs.getByRole("tab", { name: "Output" }).click();
  await expect(runs.getByText('"greeting": "Hello Grace"')).toBeVisible();
  await shot("02-node-runs-of-last-run.png");
  // Closing the runs leaves the clicked node's configuration.
  await runs.getByRole("button", { name: "Close runs panel" }).click();
  await expect(builder.config.getByLabel("Name", { exact: true })).toHaveValue("Greet");

  // Hide: plain editing, no statuses; a click configures the node.
  await banner.getByRole("button", { name: "Hide run" }).click();
  await expect(banner).toBeHidden();
  for (const node of ["Start", "Greet", "Result"]) await expect(builder.status(node)).toHaveAttribute("data-status", "idle");
  await builder.select("Result");
  await expect(page.getByRole("region", { name: "Runs of Result" })).toHaveCount(0);
  await shot("03-hidden.png");

  // A newer run (started elsewhere) is the one shown next time.
  // Through the page's own request context (the same session): `request`'s connection has been idle
  // longer than the server keeps it, and a start is not a request to repeat blindly.
  const newer = await startExecutionThroughApi(page.request, workflowId, { name: "Linus" });
  await expect.poll(async () => (await executionReport(request, newer)).status).toBe("succeeded");
  await page.reload();
  await expect(banner.getByRole("link", { name: "Open execution" })).toHaveAttribute("href", `/executions/${newer}`);
  await expect(builder.status("Greet")).toHaveAttribute("data-status", "succeeded");
  await editor.node("Greet").click({ position: { x: 60, y: 20 } });
  await runs.getByRole("button", { name: /^greet, attempt 1, Succeeded/ }).click();
  await runs.getByRole("tab", { name: "Output" }).click();
  await expect(runs.getByText('"greeting": "Hello Linus"')).toBeVisible();
  await shot("04-newer-run-after-reload.png");
});

test("opened during a run, the editor follows it live", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const name = uniqueName("Running now");
  const workflowId = await createWorkflowThroughApi(
    request,
    name,
    chainDocument(name, [
      { id: "wait", type: "delay", name: "Wait a bit", config: { seconds: 6 } },
      { id: "result", type: "output", name: "Result", config: { value: { done: true } } },
    ]),
  );
  await startExecutionThroughApi(request, workflowId);

  await editor.goto(workflowId);
  const banner = page.getByRole("region", { name: "Current run" });
  await expect(builder.status("Wait a bit")).toHaveAttribute("data-status", /^(running|waiting)$/);
  await expect(builder.status("Result")).toHaveAttribute("data-status", "idle");
  // During the run a click lists the node's runs so far.
  await editor.node("Wait a bit").click({ position: { x: 60, y: 20 } });
  await expect(page.getByRole("region", { name: "Runs of Wait a bit" }).getByRole("button", { name: /^wait, attempt 1, / })).toBeVisible();
  await shot("01-during-the-run.png");

  await expect(builder.status("Result")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(banner.getByText("Succeeded")).toBeVisible();
  await shot("02-finished-live.png");
});

test("a workflow never run opens without a run", async ({ page, request, editor }) => {
  const builder = new BuilderPage(page, editor);
  const name = uniqueName("Never run");
  const workflowId = await createWorkflowThroughApi(request, name, chainDocument(name, [{ id: "result", type: "output", name: "Result", config: { value: 1 } }]));
  // The list query of the last run is answered (empty) before looking.
  const listed = page.waitForResponse((response) => response.url().includes("execution.list"));
  await editor.goto(workflowId);
  await listed;
  await expect(page.getByRole("region", { name: "Current run" })).toHaveCount(0);
  await builder.select("Result");
  await expect(builder.status("Result")).toHaveAttribute("data-status", "idle");
});
