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
  // The page's scripts, as the browser received them: the build's brotli copies (precompressed-static.ts).
  const scripts: Array<Promise<{ file: string; encoding?: string; bytes: number }>> = [];
  page.on("response", (response) => {
    const url = response.url();
    if (!url.includes("/_next/static/chunks/") || !url.endsWith(".js")) return;
    scripts.push(response.body().then((body) => ({ file: url.split("/").pop()!, encoding: response.headers()["content-encoding"], bytes: body.length })));
  });

  await editor.goto(workflowId);
  await expect(editor.title(name)).toBeVisible();
  await expect(editor.version(1)).toBeVisible();
  const start = editor.node("Start");
  await expect(start).toBeVisible();
  const miniMap = page.getByRole("img", { name: "Mini map" }).or(page.getByLabel("Mini map"));
  await expect(miniMap.first()).toBeVisible();
  // The minimap draws every node, on screen or not.
  await expect(page.locator(".react-flow__minimap-node")).toHaveCount(500);
  // A large graph opens legibly at its trigger (start-viewport.ts), not fitted: only what is in view is drawn.
  expect((await start.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(120);
  await expect(editor.node("Chain 5 step 1")).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="c0_s49"]')).toHaveCount(0);
  await shot("01-opened-at-the-trigger.png");
  const received = await Promise.all(scripts);
  expect(received.length).toBeGreaterThan(5);
  // Every script of 1 KiB or more (the build compresses those) came brotli-compressed.
  expect(received.filter((s) => s.bytes >= 1024 && s.encoding !== "br")).toEqual([]);

  // F fits the whole graph: the first and the last chain's last steps are both on the canvas.
  await editor.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("f");
  await expect(editor.node("Chain 1 step 50")).toBeVisible();
  await expect(editor.node("Chain 10 step 49")).toBeVisible();
  await shot("02-fitted.png");

  // Back to a legible zoom to grab the trigger: zoom in with the mouse wheel over it, as a person would.
  for (let attempt = 0; attempt < 12; attempt++) {
    const box = await start.boundingBox();
    if (!box) throw new Error("Start is not on screen");
    if (box.width >= 120) break;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await expect.poll(async () => (await start.boundingBox())?.width ?? 0).toBeGreaterThan(box.width);
  }
  expect((await start.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(120);
  await shot("03-zoomed-in.png");

  // Drag it down and to the right.
  const before = await editor.nodePosition("Start");
  await editor.dragNode("Start", 80, 140);
  await expect.poll(async () => (await editor.nodePosition("Start")).y).toBeGreaterThan(before.y + 20);
  const after = await editor.nodePosition("Start");
  expect(after.x).toBeGreaterThan(before.x + 10);
  await expect(editor.unsavedChanges).toBeVisible();
  await shot("04-dragged.png");

  // Save: a new version, and the new position survives a reload.
  await editor.saveButton.click();
  await expect(editor.savedAs(2)).toBeVisible();
  await shot("05-saved.png");
  await page.reload();
  await expect(editor.version(2)).toBeVisible();
  await expect(editor.node("Start")).toBeVisible();
  await expect.poll(async () => (await editor.nodePosition("Start")).y).toBeCloseTo(after.y, 0);
  expect((await editor.nodePosition("Start")).x).toBeCloseTo(after.x, 0);
  await shot("06-reloaded.png");
});

test.describe("before the page's scripts have run", () => {
  test.use({ javaScriptEnabled: false });

  test("a 500-node workflow's cards in view are already on screen, where the editor draws them", async ({ page, request, editor }, testInfo) => {
    const name = uniqueName("Huge flow, server-drawn");
    const workflowId = await createWorkflowThroughApi(request, name, largeWorkflowDocument(name));

    await editor.goto(workflowId);
    await expect(editor.title(name)).toBeVisible();
    const start = editor.node("Start");
    await expect(start).toBeVisible();
    await expect(editor.node("Chain 5 step 1")).toBeVisible();
    await expect(editor.edge("start", "c4_s0")).toBeAttached();
    // Only what is in view: a chain's far end is not in the page.
    await expect(page.locator('.react-flow__node[data-id="c0_s49"]')).toHaveCount(0);
    // At the legible zoom the editor opens a large graph at (start-viewport.ts): the trigger 80 px into the canvas.
    const canvasBox = await editor.canvas.boundingBox();
    const startBox = await start.boundingBox();
    expect(Math.round((startBox?.x ?? 0) - (canvasBox?.x ?? 0))).toBe(80);
    expect(startBox?.width ?? 0).toBeGreaterThanOrEqual(120);
    await page.screenshot({ path: testInfo.outputPath("01-server-drawn.png") });
  });
});
