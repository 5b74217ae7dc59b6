import { createWorkflowThroughApi, deleteAllWorkflowsThroughApi, expect, test, uniqueName } from "./fixtures/workflows";
import { SHOWCASE_EDGES, showcaseDocument } from "./fixtures/showcase-workflow";
import { BuilderPage } from "./fixtures/builder";

test("create a workflow, move its trigger, save, and find it where it was left", async ({ page, workflowList, editor }, testInfo) => {
  const name = uniqueName("Order approval");
  await workflowList.goto();
  await workflowList.create(name);

  await expect(editor.title(name)).toBeVisible();
  await expect(editor.version(1)).toBeVisible();
  const trigger = editor.node("Start");
  await expect(trigger).toBeVisible();
  await expect(trigger.getByText("Manual trigger")).toBeVisible();
  await expect(trigger.getByText("out", { exact: true })).toBeVisible();
  await expect(editor.saveButton).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath("01-new-workflow.png") });
  const before = await editor.nodePosition("Start");

  await editor.dragNode("Start", 200, 0);
  await expect(editor.unsavedChanges).toBeVisible();
  const moved = await editor.nodePosition("Start");
  expect(moved.x - before.x).toBeGreaterThan(150);
  await page.screenshot({ path: testInfo.outputPath("02-moved-unsaved.png") });

  await editor.saveButton.click();
  await expect(editor.savedAs(2)).toBeVisible();
  await expect(editor.unsavedChanges).toBeHidden();
  await expect(editor.version(2)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("03-saved.png") });

  await page.reload();
  await expect(editor.node("Start")).toBeVisible();
  await expect(editor.version(2)).toBeVisible();
  const reloaded = await editor.nodePosition("Start");
  expect(reloaded.x).toBeCloseTo(moved.x, 0);
  expect(reloaded.y).toBeCloseTo(moved.y, 0);
  await page.screenshot({ path: testInfo.outputPath("04-after-reload.png") });

  await workflowList.goto();
  await expect(workflowList.item(name)).toContainText("Version 2");
});

test("rename and delete a workflow from the list", async ({ page, workflowList }, testInfo) => {
  const name = uniqueName("Invoice sync");
  const renamed = `${name} (renamed)`;
  const taken = uniqueName("Already taken");
  await workflowList.goto();
  for (const workflow of [taken, name]) {
    await workflowList.create(workflow);
    await workflowList.goto();
  }
  await expect(workflowList.item(name)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("01-list.png") });

  // Escape leaves the name as it was.
  await workflowList.item(name).getByRole("button", { name: "Rename" }).click();
  await page.getByLabel(`New name for ${name}`).fill("Not this");
  await page.getByLabel(`New name for ${name}`).press("Escape");
  await expect(workflowList.item(name)).toBeVisible();

  // A name that is taken is refused with a sentence, and editing goes on.
  await workflowList.rename(name, taken);
  await expect(workflowList.list.getByRole("alert")).toHaveText(`A workflow named "${taken}" already exists; choose another name.`);
  await page.screenshot({ path: testInfo.outputPath("02-rename-conflict.png") });
  await page.getByLabel(`New name for ${name}`).press("Escape");

  await workflowList.rename(name, renamed);
  await expect(workflowList.item(renamed)).toBeVisible();
  await expect(workflowList.item(name)).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("03-renamed.png") });

  // "No" keeps it; "Yes" deletes it.
  let item = await workflowList.askToDelete(renamed);
  await page.screenshot({ path: testInfo.outputPath("04-confirm-delete.png") });
  await item.getByRole("button", { name: "No" }).click();
  await expect(workflowList.item(renamed)).toBeVisible();
  item = await workflowList.askToDelete(renamed);
  await item.getByRole("button", { name: "Yes" }).click();
  await expect(workflowList.item(renamed)).toHaveCount(0);
  await page.reload();
  await expect(workflowList.item(taken)).toBeVisible();
  await expect(workflowList.item(renamed)).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("05-deleted.png") });
});

test("with no workflows, the list invites you to create one", async ({ page, request, workflowList }, testInfo) => {
  // Other tests share the database: empty it for real (through the API), then look.
  await deleteAllWorkflowsThroughApi(request);
  await workflowList.goto();
  await expect(workflowList.emptyState).toBeVisible();
  await expect(workflowList.nameField).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("01-empty.png") });
});

test("a script injected into the page does not run: the page's own scripts carry the response's nonce", async ({ page, workflowList, csp }) => {
  const response = await page.goto("/workflows");
  await expect(workflowList.heading).toBeVisible();
  await expect(workflowList.nameField).toBeEditable(); // hydrated: the page's own scripts ran under the policy
  const policy = response!.headers()["content-security-policy"]!;
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  // The classic injection (markup carrying an event handler, as unescaped user data would): refused.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img alt="" src="/no-such-image.png" onerror="window.__injected = true">`));
  await expect.poll(() => csp.refused().length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("a workflow that does not exist says so and links back", async ({ page, editor }, testInfo) => {
  await editor.goto("no-such-workflow");
  await expect(page.getByRole("heading", { name: "Workflow not found" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("01-not-found.png") });
  await page.getByRole("link", { name: "Back to workflows" }).click();
  await expect(page).toHaveURL(/\/workflows$/);
});

test("every output handle is labelled and each edge leaves from its handle", async ({ page, request, editor }, testInfo) => {
  const name = uniqueName("Showcase");
  const id = await createWorkflowThroughApi(request, name, showcaseDocument(name));
  await editor.goto(id);

  const handles = {
    "Route by shipping": ["express", "standard", "default"],
    "Manager approval": ["approved", "rejected"],
    "In stock?": ["true", "false"],
    "Each supplier": ["body", "done"],
    "Ask supplier": ["try", "catch", "finally", "out"],
  };
  for (const [node, labels] of Object.entries(handles)) {
    for (const label of labels) await expect(editor.node(node).getByText(label, { exact: true })).toBeVisible();
  }
  await expect(editor.node("Rejected").getByText("Fail")).toBeVisible();
  // React Flow draws an edge only when it finds both handles it names (a level edge has no height, so "attached").
  for (const [source, , target] of SHOWCASE_EDGES) await expect(editor.edge(source, target)).toBeAttached();
  await page.screenshot({ path: testInfo.outputPath("01-showcase.png") });
});

test("renaming a switch case keeps its edge: it leaves the renamed handle, on the canvas and when saved", async ({ page, request, editor }, testInfo) => {
  const name = uniqueName("Rename case");
  const id = await createWorkflowThroughApi(request, name, showcaseDocument(name));
  await editor.goto(id);
  const builder = new BuilderPage(page, editor);
  await builder.select("Route by shipping");
  // Same length as before ("express" → "courier"): the card keeps its size, so React Flow must be told to measure again.
  const handleField = builder.field("Case 1 handle");
  await handleField.fill("courier");
  await expect(editor.node("Route by shipping").getByText("courier", { exact: true })).toBeVisible();
  await expect(editor.node("Route by shipping").locator('.react-flow__handle.source[data-handleid="courier"]')).toBeAttached();
  await expect(editor.edge("route", "approve")).toBeAttached();
  await expect(builder.problemMarker("Route by shipping")).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("01-case-renamed.png") });

  await editor.saveButton.click();
  await expect(editor.version(2)).toBeVisible();
  const saved = await request.get(`/api/trpc/workflow.get?input=${encodeURIComponent(JSON.stringify({ json: { id } }))}`);
  const document = ((await saved.json()) as { result: { data: { json: { document: { edges: Array<{ source: string; sourceHandle?: string; target: string }> } } } } })
    .result.data.json.document;
  expect(document.edges.find((edge) => edge.source === "route" && edge.target === "approve")?.sourceHandle).toBe("courier");
});
