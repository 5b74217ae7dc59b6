import { createWorkflowThroughApi, expect, test, uniqueName } from "./fixtures/workflows";
import { largeWorkflowDocument } from "./fixtures/large-workflow";

/**
 * A 500-node workflow opens, can be looked at, a node dragged, and saved.
 * Correctness only: how fast is measured by `npm run bench -- --only canvas`.
 */
test("a 500-node workflow renders, a node can be dragged, and it saves", async ({ page, request, editor }, testInfo) => {
  test.setTimeout(120_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const name = uniqueName("Huge flow");
  const workflowId = await createWorkflowThroughApi(request, name, largeWorkflowDocument(name));

  await editor.goto(workflowId);
  await expect(editor.title(name)).toBeVisible();
  await expect(editor.version(1)).toBeVisible();
  const start = editor.node("Start");
  await expect(start).toBeVisible();
  const miniMap = page.getByRole("img", { name: "Mini map" }).or(page.getByLabel("Mini map"));
  await expect(miniMap.first()).toBeVisible();
  // The minimap draws every node, on screen or not.
  await expect(page.locator(".react-flow__minimap-node")).toHaveCount(500);
  // The whole graph is fitted into view: the first and the last chain's last steps are both on the canvas.
  await expect(editor.node("Chain 1 step 50")).toBeVisible();
  await expect(editor.node("Chain 10 step 49")).toBeVisible();
  await shot("01-fitted.png");

  // Zoom in on the trigger with the mouse wheel, as a person would to grab it.
  for (let attempt = 0; attempt < 12; attempt++) {
    const box = await start.boundingBox();
    if (!box) throw new Error("Start is not on screen");
    if (box.width >= 120) break;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await expect.poll(async () => (await start.boundingBox())?.width ?? 0).toBeGreaterThan(box.width);
  }
  expect((await start.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(120);
  await shot("02-zoomed-in.png");

  // Drag it down and to the right.
  const before = await editor.nodePosition("Start");
  await editor.dragNode("Start", 80, 140);
  await expect.poll(async () => (await editor.nodePosition("Start")).y).toBeGreaterThan(before.y + 20);
  const after = await editor.nodePosition("Start");
  expect(after.x).toBeGreaterThan(before.x + 10);
  await expect(editor.unsavedChanges).toBeVisible();
  await shot("03-dragged.png");

  // Save: a new version, and the new position survives a reload.
  await editor.saveButton.click();
  await expect(editor.savedAs(2)).toBeVisible();
  await shot("04-saved.png");
  await page.reload();
  await expect(editor.version(2)).toBeVisible();
  await expect(editor.node("Start")).toBeVisible();
  await expect.poll(async () => (await editor.nodePosition("Start")).y).toBeCloseTo(after.y, 0);
  expect((await editor.nodePosition("Start")).x).toBeCloseTo(after.x, 0);
  await shot("05-reloaded.png");
});
