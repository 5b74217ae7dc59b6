import { BuilderPage } from "./fixtures/builder";
import { createWorkflowThroughApi, expect, test, uniqueName, type WorkflowEditorPage } from "./fixtures/workflows";

/**
 * The builder's editing features, used as a person would: the palette's search
 * and click-to-add, undo/redo, the clipboard, selection, layout, the shortcuts
 * help, loop/try regions, and drafts. Workflows are arranged through the API
 * (what is on the canvas at the start is not what these tests are about).
 */

type Node = { id: string; type: string; name: string; config: Record<string, unknown>; position: { x: number; y: number } };
type Edge = { source: string; target: string; sourceHandle?: string; targetHandle?: string };

function workflow(name: string, nodes: Node[], edges: Edge[]) {
  return {
    version: 1,
    name,
    nodes,
    edges: edges.map((edge) => ({ sourceHandle: "out", targetHandle: "in", ...edge })),
    settings: {},
  };
}

const start = (x = 0, y = 0): Node => ({ id: "start", type: "trigger.manual", name: "Start", config: {}, position: { x, y } });

/** Opens a workflow made through the API and waits for its canvas. */
async function open(editor: WorkflowEditorPage, id: string, firstNode = "Start") {
  await editor.goto(id);
  await expect(editor.node(firstNode)).toBeVisible();
}

test("palette: search narrows the list; a click adds the step after the selected node, connected", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const id = await createWorkflowThroughApi(request, uniqueName("Palette"), undefined);
  await open(editor, id);
  await expect(builder.paletteItem("If")).toBeVisible();
  await shot("01-palette.png");

  await builder.search.fill("http");
  await expect(builder.paletteItem("HTTP request")).toBeVisible();
  await expect(builder.paletteItem("If")).toHaveCount(0);
  await expect(builder.paletteItem("Set fields")).toHaveCount(0);
  await shot("02-search-http.png");

  await builder.search.fill("no such step");
  await expect(builder.palette.getByText("No node matches “no such step”.")).toBeVisible();
  await expect(builder.paletteItem("HTTP request")).toHaveCount(0);
  await shot("03-search-nothing.png");

  // Select Start, then click "HTTP request": the new step lands right of Start, connected from it.
  await builder.select("Start");
  await builder.search.fill("http");
  await builder.addFromPalette("HTTP request");
  await expect(editor.node("HTTP request")).toBeVisible();
  await expect.poll(() => builder.edgeDrawn("start", "http_request")).toBe(true);
  await expect(builder.field("Name")).toHaveValue("HTTP request");
  expect((await editor.nodePosition("HTTP request")).x).toBeGreaterThan((await editor.nodePosition("Start")).x);
  await expect(builder.unsaved).toBeVisible();
  await shot("04-added-after-start.png");

  // Again, with the new step selected: the next one is chained after it.
  await builder.search.fill("");
  await builder.addFromPalette("Output");
  await expect(editor.node("Output")).toBeVisible();
  await expect.poll(() => builder.edgeDrawn("http_request", "output")).toBe(true);
  await shot("05-chained.png");
  // Each step lands right of the last, soon beyond the canvas's right edge: the view pans to show it.
  await builder.select("Output");
  for (const name of ["Set fields", "Delay", "Code"]) {
    await builder.addFromPalette(name);
    await expect(editor.node(name)).toBeVisible();
    await expect.poll(() => builder.insideCanvas(name)).toBe(true);
  }
  await shot("06-panned-to-the-new-step.png");
  // F shows them all.
  await builder.clickEmptyCanvas();
  await page.keyboard.press("f");
  for (const name of ["Start", "HTTP request", "Output", "Code"]) await expect(editor.node(name)).toBeInViewport({ ratio: 1 });
  await shot("07-fit-view.png");
});

test("undo and redo, with the keyboard and the toolbar, step by step back to the loaded workflow", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const document = workflow(
    uniqueName("Undo"),
    [start(), { id: "fetch", type: "http.request", name: "Fetch", config: { method: "GET", url: "https://example.com/a" }, position: { x: 320, y: 0 } }],
    [{ source: "start", target: "fetch" }],
  );
  const id = await createWorkflowThroughApi(request, document.name, document);
  await open(editor, id);
  await expect(editor.node("Fetch")).toContainText("https://example.com/a");
  await expect(builder.undoButton).toBeDisabled();
  await expect(builder.redoButton).toBeDisabled();
  const startAt = await editor.nodePosition("Start");
  await shot("01-loaded.png");

  // Three edits: add a step, move one, change a field.
  await builder.select("Fetch");
  await builder.addFromPalette("Set fields");
  await expect.poll(() => builder.edgeDrawn("fetch", "set")).toBe(true);
  await editor.dragNode("Start", 0, 160);
  await expect.poll(async () => (await editor.nodePosition("Start")).y).toBeGreaterThan(startAt.y + 50);
  const startMoved = await editor.nodePosition("Start");
  await builder.select("Fetch");
  await builder.field("URL").fill("https://example.com/b");
  await expect(editor.node("Fetch")).toContainText("https://example.com/b");
  await expect(builder.unsaved).toBeVisible();
  await expect(builder.undoButton).toBeEnabled();
  await shot("02-three-edits.png");

  // Back, one step at a time: Ctrl+Z, the toolbar's Undo, Ctrl+Z. (Out of the field first: there Ctrl+Z is the field's own.)
  await builder.clickEmptyCanvas();
  await page.keyboard.press("Control+z");
  await expect(editor.node("Fetch")).toContainText("https://example.com/a");
  expect(await editor.nodePosition("Start")).toEqual(startMoved);
  await shot("03-undo-field.png");

  await builder.undoButton.click();
  await expect.poll(() => editor.nodePosition("Start")).toEqual(startAt);
  await expect(editor.node("Set fields")).toBeVisible();
  await shot("04-undo-move.png");

  await page.keyboard.press("Control+z");
  await expect(editor.node("Set fields")).toHaveCount(0);
  await expect(editor.edge("fetch", "set")).toHaveCount(0);
  await expect(builder.unsaved).toHaveCount(0);
  await expect(builder.undoButton).toBeDisabled();
  await expect(builder.redoButton).toBeEnabled();
  await shot("05-back-to-loaded.png");

  // And forward again: Ctrl+Shift+Z, the toolbar's Redo, Ctrl+Shift+Z.
  await page.keyboard.press("Control+Shift+z");
  await expect(editor.node("Set fields")).toBeVisible();
  await expect.poll(() => builder.edgeDrawn("fetch", "set")).toBe(true);
  await expect(builder.unsaved).toBeVisible();
  await builder.redoButton.click();
  await expect.poll(() => editor.nodePosition("Start")).toEqual(startMoved);
  await page.keyboard.press("Control+Shift+z");
  await expect(editor.node("Fetch")).toContainText("https://example.com/b");
  await expect(builder.redoButton).toBeDisabled();
  await expect(builder.undoButton).toBeEnabled();
  await shot("06-redone.png");
});

test("copy and paste, duplicate, multi-select, select all and delete, with the keyboard", async ({ page, context, request, editor }, testInfo) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const document = workflow(
    uniqueName("Clipboard"),
    [
      start(),
      { id: "fetch", type: "http.request", name: "Fetch", config: { method: "GET", url: "https://example.com/orders" }, position: { x: 320, y: 0 } },
      { id: "mark", type: "set", name: "Mark", config: { values: { seen: true } }, position: { x: 640, y: 0 } },
    ],
    [
      { source: "start", target: "fetch" },
      { source: "fetch", target: "mark" },
    ],
  );
  const id = await createWorkflowThroughApi(request, document.name, document);
  await open(editor, id);
  await expect(builder.nodes()).toHaveCount(3);
  await shot("01-loaded.png");

  // Ctrl+C, Ctrl+V: a copy with its own name and id lands in the middle of the view, selected.
  await builder.select("Fetch");
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await expect(editor.node("Fetch 2")).toBeVisible();
  await expect(builder.nodes()).toHaveCount(4);
  await expect(builder.field("Name")).toHaveValue("Fetch 2");
  await expect(editor.node("Fetch 2")).toContainText("https://example.com/orders");
  await expect(builder.unsaved).toBeVisible();
  await shot("02-pasted.png");
  // It landed on top of the original: move it aside, as a person would.
  await editor.dragNode("Fetch 2", 0, 220);
  await shot("03-pasted-moved.png");

  // Ctrl+D duplicates the selection; Delete removes it again.
  await page.keyboard.press("Control+d");
  await expect(editor.node("Fetch 3")).toBeVisible();
  await expect(builder.selected("Fetch 3")).toBeVisible();
  await shot("04-duplicated.png");
  await page.keyboard.press("Delete");
  await expect(editor.node("Fetch 3")).toHaveCount(0);
  await expect(builder.nodes()).toHaveCount(4);
  await shot("05-deleted.png");

  // Ctrl-click selects two connected steps (no single node: no config panel); copy and paste keeps the edge between them.
  // Mark first: the config panel that opens narrows the canvas and would hide Mark (the rightmost step), not Fetch.
  await builder.clickEmptyCanvas();
  await builder.select("Mark");
  await builder.addToSelection("Fetch");
  await expect(builder.selected("Fetch")).toBeVisible();
  await expect(builder.selected("Mark")).toBeVisible();
  await expect(builder.config).toHaveCount(0);
  await shot("06-two-selected.png");
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await expect(editor.node("Fetch 3")).toBeVisible();
  await expect(editor.node("Mark 2")).toBeVisible();
  await expect.poll(() => builder.edgeDrawn("fetch_3", "mark_2")).toBe(true);
  await expect(builder.selected("Fetch 3")).toBeVisible();
  await expect(builder.selected("Mark 2")).toBeVisible();
  await expect(builder.selected("Fetch")).toHaveCount(0);
  await shot("07-pasted-two.png");
  // Both pasted steps are selected: one Delete removes both, and their edge.
  await page.keyboard.press("Delete");
  await expect(editor.node("Fetch 3")).toHaveCount(0);
  await expect(editor.node("Mark 2")).toHaveCount(0);
  await expect(editor.edge("fetch_3", "mark_2")).toHaveCount(0);
  await expect(builder.nodes()).toHaveCount(4);
  await shot("08-deleted-two.png");

  // Ctrl+A selects everything.
  await builder.clickEmptyCanvas();
  await page.keyboard.press("Control+a");
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(4);
  await shot("09-select-all.png");
  // A field keeps its own keys: Delete while typing in the search box deletes text, not nodes.
  await builder.search.fill("set");
  await builder.search.press("Delete");
  await builder.search.press("Backspace");
  await expect(builder.search).toHaveValue("se");
  await expect(builder.nodes()).toHaveCount(4);
});

test("auto-layout (Shift+L and the toolbar), fit view (F), and the keyboard shortcuts help (?)", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  // Drawn out of order: the flow runs Start → Fetch → Mark, but Start is right-most.
  const document = workflow(
    uniqueName("Layout"),
    [
      start(700, 260),
      { id: "fetch", type: "http.request", name: "Fetch", config: { method: "GET", url: "https://example.com" }, position: { x: 0, y: 0 } },
      { id: "mark", type: "set", name: "Mark", config: { values: { seen: true } }, position: { x: 340, y: 420 } },
    ],
    [
      { source: "start", target: "fetch" },
      { source: "fetch", target: "mark" },
    ],
  );
  const id = await createWorkflowThroughApi(request, document.name, document);
  await open(editor, id);
  const drawn = { start: await editor.nodePosition("Start"), fetch: await editor.nodePosition("Fetch"), mark: await editor.nodePosition("Mark") };
  await shot("01-out-of-order.png");

  const laidOutInOrder = async () => {
    const [a, b, c] = [await editor.nodePosition("Start"), await editor.nodePosition("Fetch"), await editor.nodePosition("Mark")];
    return a.x < b.x && b.x < c.x;
  };
  await builder.clickEmptyCanvas();
  await page.keyboard.press("Shift+L");
  await expect.poll(laidOutInOrder).toBe(true);
  await expect(builder.unsaved).toBeVisible();
  for (const name of ["Start", "Fetch", "Mark"]) await expect(editor.node(name)).toBeInViewport({ ratio: 1 });
  await shot("02-shift-l.png");

  // One undo step puts every node back where it was drawn.
  await page.keyboard.press("Control+z");
  await expect.poll(() => editor.nodePosition("Start")).toEqual(drawn.start);
  expect(await editor.nodePosition("Fetch")).toEqual(drawn.fetch);
  expect(await editor.nodePosition("Mark")).toEqual(drawn.mark);
  await expect(builder.unsaved).toHaveCount(0);
  await builder.autoLayoutButton.click();
  await expect.poll(laidOutInOrder).toBe(true);
  await shot("03-toolbar-auto-layout.png");

  // Pan away by dragging the empty canvas until Start is out of view; F brings everything back.
  const box = await editor.canvas.boundingBox();
  if (!box) throw new Error("the canvas is not on screen");
  await page.mouse.move(box.x + box.width - 40, box.y + 16);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 940, box.y + 16, { steps: 15 });
  await page.mouse.up();
  await expect(editor.node("Start")).not.toBeInViewport();
  await shot("04-panned-away.png");
  await page.keyboard.press("f");
  for (const name of ["Start", "Fetch", "Mark"]) await expect(editor.node(name)).toBeInViewport({ ratio: 1 });
  await shot("05-fit-view.png");

  // "?" opens the shortcuts; Esc closes them. The toolbar button opens them too.
  await page.keyboard.press("?");
  await expect(builder.shortcutsDialog).toBeVisible();
  await expect(builder.shortcutsDialog).toContainText("Undo");
  await expect(builder.shortcutsDialog).toContainText("Tidy up the layout");
  await expect(builder.shortcutsDialog).toContainText("Fit the whole workflow in view");
  await shot("06-shortcuts.png");
  // While it is open the canvas does not take keys.
  await page.keyboard.press("Control+z");
  await expect.poll(laidOutInOrder).toBe(true);
  await page.keyboard.press("Escape");
  await expect(builder.shortcutsDialog).toBeHidden();
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(builder.shortcutsDialog).toBeVisible();
  await builder.shortcutsDialog.getByRole("button", { name: "Close" }).click();
  await expect(builder.shortcutsDialog).toBeHidden();
  await shot("07-shortcuts-closed.png");
});

test("a loop's body and a try's parts are shaded and labelled; connecting a step into the body grows it", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const document = workflow(
    uniqueName("Regions"),
    [
      start(0, 0),
      { id: "each", type: "loop", name: "Each order", config: { mode: "for", items: "{{ trigger.orders }}" }, position: { x: 300, y: 0 } },
      { id: "price", type: "set", name: "Price", config: { values: { total: "{{ loop.item.total }}" } }, position: { x: 600, y: 140 } },
      { id: "tag", type: "set", name: "Tag", config: { values: { tagged: true } }, position: { x: 600, y: 420 } },
      { id: "guard", type: "try", name: "Guard", config: {}, position: { x: 600, y: -300 } },
      { id: "charge", type: "http.request", name: "Charge", config: { method: "POST", url: "https://example.com/charge" }, position: { x: 900, y: -420 } },
      { id: "recover", type: "set", name: "Recover", config: { values: { charged: false } }, position: { x: 900, y: -160 } },
    ],
    [
      { source: "start", target: "each" },
      { source: "each", sourceHandle: "body", target: "price" },
      { source: "each", sourceHandle: "done", target: "guard" },
      { source: "guard", sourceHandle: "try", target: "charge" },
      { source: "guard", sourceHandle: "catch", target: "recover" },
    ],
  );
  const id = await createWorkflowThroughApi(request, document.name, document);
  await open(editor, id);
  await expect(editor.node("Tag")).toBeVisible();

  const body = builder.region("each", "body");
  const tryPart = builder.region("guard", "try");
  const catchPart = builder.region("guard", "catch");
  await expect(body).toBeVisible();
  await expect(body).toHaveText("Loop body: Each order");
  await expect(tryPart).toHaveText("Try: Guard");
  await expect(catchPart).toHaveText("Catch: Guard");
  // No finally branch: no finally area.
  await expect(builder.region("guard", "finally")).toHaveCount(0);

  const contains = async (region: typeof body, node: string) => {
    const outer = await region.boundingBox();
    const inner = await editor.node(node).boundingBox();
    if (!outer || !inner) return false;
    return outer.x <= inner.x && outer.y <= inner.y && outer.x + outer.width >= inner.x + inner.width && outer.y + outer.height >= inner.y + inner.height;
  };
  expect(await contains(body, "Price")).toBe(true);
  expect(await contains(body, "Tag")).toBe(false);
  expect(await contains(tryPart, "Charge")).toBe(true);
  expect(await contains(catchPart, "Recover")).toBe(true);
  expect(await contains(tryPart, "Recover")).toBe(false);
  const before = await body.boundingBox();
  await shot("01-regions.png");

  // Price → Tag: Tag is now inside the loop body, and the shaded area grows to take it in.
  await builder.connect("Price", "out", "Tag");
  await expect.poll(() => builder.edgeDrawn("price", "tag")).toBe(true);
  await expect.poll(() => contains(body, "Tag")).toBe(true);
  const after = await body.boundingBox();
  expect(after!.height).toBeGreaterThan(before!.height + 100);
  expect(await contains(body, "Price")).toBe(true);
  await shot("02-body-grown.png");

  // Undo takes it out again.
  await builder.clickEmptyCanvas();
  await page.keyboard.press("Control+z");
  await expect(editor.edge("price", "tag")).toHaveCount(0);
  await expect.poll(() => contains(body, "Tag")).toBe(false);
  await shot("03-undone.png");
});

test("an invalid canvas is saved as a draft, comes back after a reload, cannot run, and publishes once fixed", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const document = workflow(
    uniqueName("Drafts"),
    [start(), { id: "fetch", type: "http.request", name: "Fetch order", config: { method: "GET", url: "https://example.com/orders/7" }, position: { x: 320, y: 0 } }],
    [{ source: "start", target: "fetch" }],
  );
  const id = await createWorkflowThroughApi(request, document.name, document);
  await open(editor, id);
  await expect(editor.version(1)).toBeVisible();

  // Break it: an HTTP request without a URL.
  await builder.select("Fetch order");
  await builder.field("URL").fill("");
  await expect(builder.problemMarker("Fetch order")).toBeVisible();
  await expect(builder.problems).toContainText("Fetch order");
  await expect(builder.saveDraftButton).toBeEnabled();
  await expect(editor.saveButton).toHaveCount(0);
  await shot("01-invalid.png");

  await builder.saveDraftButton.click();
  await expect(page.getByText("Draft saved — not published (1 problem)")).toBeVisible();
  // Nothing new to keep: the button rests until the next change.
  await expect(builder.saveDraftButton).toBeDisabled();
  await expect(editor.version(1)).toBeVisible();
  await shot("02-draft-saved.png");

  // A reload brings the draft back, problem and all.
  await page.reload();
  await expect(editor.node("Fetch order")).toBeVisible();
  await expect(builder.problemMarker("Fetch order")).toBeVisible();
  await expect(page.getByText("Draft saved — not published (1 problem)")).toBeVisible();
  await expect(editor.version(1)).toBeVisible();
  await shot("03-draft-reopened.png");
  await builder.select("Fetch order");
  await expect(builder.field("URL")).toHaveValue("");

  // Run is refused, saying why.
  await builder.runButton.click();
  const refused = page.getByRole("alert").filter({ hasText: "Can't run" });
  await expect(refused).toBeVisible();
  await expect(refused).toContainText("Can't run: 1 problem");
  await expect(refused.getByRole("listitem")).toHaveCount(1);
  // Named as on the canvas and in the problem list, with the field.
  await expect(refused.getByRole("listitem")).toContainText("Fetch order — config.url");
  await shot("04-run-refused.png");
  await refused.getByRole("button", { name: "Dismiss run message" }).click();
  await expect(refused).toBeHidden();

  // Fixed, Save publishes version 2 and the draft is gone.
  await builder.field("URL").fill("https://example.com/orders/8");
  await expect(builder.problemMarker("Fetch order")).toHaveCount(0);
  await expect(builder.unsaved).toBeVisible();
  await expect(builder.saveDraftButton).toHaveCount(0);
  await editor.saveButton.click();
  await expect(editor.savedAs(2)).toBeVisible();
  await shot("05-published.png");

  await page.reload();
  await expect(editor.node("Fetch order")).toContainText("https://example.com/orders/8");
  await expect(editor.version(2)).toBeVisible();
  await expect(page.getByText(/Draft saved/)).toHaveCount(0);
  await expect(builder.unsaved).toHaveCount(0);
  await shot("06-reloaded-published.png");
});

test("an edge that breaks a rule is marked on the canvas and named in the problem list; undoing it clears both", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const document = workflow(
    uniqueName("Edge rules"),
    [
      start(0, 0),
      { id: "each", type: "loop", name: "Each order", config: { mode: "for", items: "{{ trigger.orders }}" }, position: { x: 320, y: 0 } },
      { id: "price", type: "set", name: "Price", config: { values: { total: "{{ loop.item.total }}" } }, position: { x: 640, y: 160 } },
      { id: "result", type: "output", name: "Result", config: { value: "{{ input }}" }, position: { x: 640, y: -160 } },
    ],
    [
      { source: "start", target: "each" },
      { source: "each", sourceHandle: "body", target: "price" },
      { source: "each", sourceHandle: "done", target: "result" },
    ],
  );
  const id = await createWorkflowThroughApi(request, document.name, document);
  await open(editor, id);
  await expect(builder.problems).toHaveCount(0); // the list shows only when there are problems

  // Start straight into the loop's body, from outside it: the canvas lets you draw it, the validator flags it.
  await builder.connect("Start", "out", "Price");
  const edge = editor.edge("start", "price");
  await expect(edge).toBeAttached();
  await expect(edge.locator("[data-edge-state]")).toHaveAttribute("data-edge-state", "problem");
  await expect(builder.problems).toContainText("inside the body of loop");
  await expect(builder.problems).toContainText(/start.*price/i);
  await expect(editor.edge("each", "price").locator("[data-edge-state]")).toHaveAttribute("data-edge-state", "idle");
  await shot("01-edge-problem.png");

  // Undo the connection: the edge, its mark and the problem go.
  await page.keyboard.press("Control+z");
  await expect(editor.edge("start", "price")).toHaveCount(0);
  await expect(builder.problems).toHaveCount(0);
  await shot("02-edge-removed.png");
});
