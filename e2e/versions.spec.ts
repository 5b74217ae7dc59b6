import { readFile } from "node:fs/promises";
import { createUserThroughApi, expect, test, uniqueEmail } from "./fixtures/accounts";
import { BuilderPage } from "./fixtures/builder";
import { createWorkflowThroughApi, uniqueName, WorkflowEditorPage } from "./fixtures/workflows";

/**
 * Versions and files: the version history (view an old version read-only,
 * restore it, publish it again), exporting and importing a workflow file, and
 * what a viewer gets (the canvas, read-only).
 */

const greetingWorkflow = (name: string) => ({
  version: 1,
  name,
  nodes: [
    { id: "start", type: "trigger.manual", name: "Start", config: {}, position: { x: 0, y: 0 } },
    { id: "greet", type: "set", name: "Greet", config: { values: { greeting: "hello" } }, position: { x: 320, y: 0 } },
  ],
  edges: [{ source: "start", sourceHandle: "out", target: "greet", targetHandle: "in" }],
  settings: {},
});

const orderWorkflow = (name: string) => ({
  version: 1,
  name,
  nodes: [
    { id: "start", type: "trigger.manual", name: "Start", config: {}, position: { x: 0, y: 0 } },
    { id: "fetch", type: "http.request", name: "Fetch order", config: { method: "GET", url: "https://example.com/orders/7" }, position: { x: 320, y: 0 } },
    { id: "done", type: "output", name: "Done", config: { value: "{{ input.body }}" }, position: { x: 640, y: 80 } },
  ],
  edges: [
    { source: "start", sourceHandle: "out", target: "fetch", targetHandle: "in" },
    { source: "fetch", sourceHandle: "out", target: "done", targetHandle: "in" },
  ],
  settings: {},
});

test("version history: view an old version read-only, restore it, publish it as a new version", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const name = uniqueName("Greeting");
  const id = await createWorkflowThroughApi(request, name, greetingWorkflow(name));
  await editor.goto(id);
  await expect(editor.node("Greet")).toBeVisible();
  await expect(editor.version(1)).toBeVisible();

  // Version 2: an Output step after Greet.
  await builder.select("Greet");
  await builder.addFromPalette("Output");
  await expect.poll(() => builder.edgeDrawn("greet", "output")).toBe(true);
  await editor.saveButton.click();
  await expect(editor.savedAs(2)).toBeVisible();
  await shot("01-version-2.png");

  // Version 3: Greet renamed.
  await builder.select("Greet");
  await builder.field("Name").fill("Say hello");
  await expect(editor.node("Say hello")).toBeVisible();
  await editor.saveButton.click();
  await expect(editor.savedAs(3)).toBeVisible();
  await shot("02-version-3.png");

  // The history lists all three, newest first, the current one marked.
  await builder.historyButton.click();
  await expect(builder.versionHistory).toBeVisible();
  const rows = builder.versionHistory.getByRole("list", { name: "Versions" }).getByRole("listitem");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("Version 3");
  await expect(rows.nth(0)).toContainText("Current");
  await expect(rows.nth(2)).toContainText("Version 1");
  await shot("03-history.png");

  // View version 1: its graph in a read-only dialog; the canvas behind is untouched.
  await builder.versionHistory.getByRole("button", { name: "View version 1" }).click();
  const preview = builder.versionPreview(1);
  await expect(preview).toBeVisible();
  await expect(preview.getByText("Read only")).toBeVisible();
  const oldCanvas = preview.getByRole("application");
  await expect(oldCanvas.getByRole("group", { name: "Greet", exact: true })).toBeVisible();
  await expect(oldCanvas.getByRole("group", { name: "Start", exact: true })).toBeVisible();
  await expect(oldCanvas.getByRole("group", { name: "Say hello", exact: true })).toHaveCount(0);
  await expect(oldCanvas.getByRole("group", { name: "Output", exact: true })).toHaveCount(0);
  await expect(oldCanvas.locator(".react-flow__node")).toHaveCount(2);
  // Nodes do not move in it (a drag pans the view instead).
  const greetInPreview = oldCanvas.getByRole("group", { name: "Greet", exact: true });
  const canvasPosition = () =>
    greetInPreview.evaluate((element) => {
      const matrix = new DOMMatrixReadOnly(getComputedStyle(element).transform);
      return { x: matrix.m41, y: matrix.m42 };
    });
  const before = await canvasPosition();
  const box = await greetInPreview.boundingBox();
  if (!box) throw new Error("Greet is not on screen in the preview");
  await page.mouse.move(box.x + box.width / 2, box.y + 24);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 150, box.y + 124, { steps: 10 });
  await page.mouse.up();
  expect(await canvasPosition()).toEqual(before);
  await shot("04-view-version-1.png");
  await preview.getByRole("button", { name: "Close", exact: true }).click();
  await expect(preview).toBeHidden();
  await expect(editor.node("Say hello")).toBeVisible();
  await expect(builder.unsaved).toHaveCount(0);
  await shot("05-preview-closed.png");

  // Restore version 1: it is on the canvas as unsaved changes; Save publishes it as version 4.
  await builder.versionHistory.getByRole("button", { name: "Restore version 1" }).click();
  await expect(editor.node("Greet")).toBeVisible();
  await expect(editor.node("Say hello")).toHaveCount(0);
  await expect(editor.node("Output")).toHaveCount(0);
  await expect(builder.unsaved).toBeVisible();
  await expect(builder.versionHistory).toBeHidden();
  await shot("06-restored.png");
  await editor.saveButton.click();
  await expect(editor.savedAs(4)).toBeVisible();
  await builder.historyButton.click();
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText("Version 4");
  await expect(rows.nth(0)).toContainText("Current");
  await shot("07-version-4.png");

  // After a reload the editor opens version 4: version 1's graph.
  await page.reload();
  await expect(editor.node("Greet")).toBeVisible();
  await expect(editor.version(4)).toBeVisible();
  await expect(editor.node("Output")).toHaveCount(0);
});

test("export a workflow file, change the canvas, import the file back; a broken file changes nothing", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const name = uniqueName("Order export");
  const id = await createWorkflowThroughApi(request, name, orderWorkflow(name));
  await editor.goto(id);
  await expect(editor.node("Done")).toBeVisible();
  const positions = async () =>
    Object.fromEntries(await Promise.all(["Start", "Fetch order", "Done"].map(async (node) => [node, await editor.nodePosition(node)] as const)));
  const original = await positions();
  await shot("01-loaded.png");

  // Export: a <slug>.switchyard.json download in the public format.
  const downloading = page.waitForEvent("download");
  await builder.exportButton.click();
  const download = await downloading;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  expect(download.suggestedFilename()).toBe(`${slug}.switchyard.json`);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const text = await readFile(file, "utf8");
  expect(text.endsWith("}\n")).toBe(true);
  const exported = JSON.parse(text) as {
    version: number;
    name: string;
    nodes: Array<{ id: string; type: string; name: string; config: Record<string, unknown>; position: { x: number; y: number } }>;
    edges: Array<{ source: string; target: string; sourceHandle: string; targetHandle: string }>;
  };
  expect(exported.version).toBe(1);
  expect(exported.name).toBe(name);
  expect(exported.nodes.map((node) => [node.id, node.type, node.name])).toEqual([
    ["start", "trigger.manual", "Start"],
    ["fetch", "http.request", "Fetch order"],
    ["done", "output", "Done"],
  ]);
  expect(exported.nodes[1]?.config).toMatchObject({ method: "GET", url: "https://example.com/orders/7" });
  expect(exported.nodes[2]?.position).toEqual({ x: 640, y: 80 });
  expect(exported.edges.map((edge) => `${edge.source}.${edge.sourceHandle}->${edge.target}.${edge.targetHandle}`)).toEqual([
    "start.out->fetch.in",
    "fetch.out->done.in",
  ]);

  // Change the canvas: Done deleted, Start moved, the URL changed.
  await builder.select("Done");
  await page.keyboard.press("Delete");
  await expect(editor.node("Done")).toHaveCount(0);
  await editor.dragNode("Start", 0, 200);
  await builder.select("Fetch order");
  await builder.field("URL").fill("https://example.com/somewhere-else");
  await expect(builder.unsaved).toBeVisible();
  await shot("02-changed.png");

  // Import the exported file: the canvas is as it was, to be saved or not.
  await builder.importFile.setInputFiles(file);
  await expect(editor.node("Done")).toBeVisible();
  await expect.poll(() => builder.edgeDrawn("fetch", "done")).toBe(true);
  await expect(editor.node("Fetch order")).toContainText("https://example.com/orders/7");
  await expect.poll(positions).toEqual(original);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  // It is the saved version exactly: nothing is unsaved.
  await expect(builder.unsaved).toBeHidden();
  await shot("03-imported.png");

  // The same file again: the canvas shows it already, and the editor says so.
  await builder.importFile.setInputFiles(file);
  const note = page.getByRole("status").filter({ hasText: "nothing changed" });
  await expect(note).toContainText(download.suggestedFilename());
  await expect(builder.unsaved).toBeHidden();
  await shot("03b-imported-again.png");
  await note.getByRole("button", { name: "Dismiss import note" }).click();
  await expect(note).toBeHidden();

  // A broken file: a clear message, and nothing on the canvas changes.
  await editor.dragNode("Done", 0, 120);
  const beforeBroken = await positions();
  await builder.importFile.setInputFiles({ name: "broken.switchyard.json", mimeType: "application/json", buffer: Buffer.from("{ this is not json") });
  const error = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
  await expect(error).toBeVisible();
  await expect(error).toContainText("This file is not JSON");
  await expect(error).toContainText(".switchyard.json");
  expect(await positions()).toEqual(beforeBroken);
  await expect(builder.nodes()).toHaveCount(3);
  await expect.poll(() => builder.edgeDrawn("fetch", "done")).toBe(true);
  await shot("04-broken-file.png");

  // JSON that is not a workflow: also refused, saying what is missing.
  await error.getByRole("button", { name: "Dismiss import error" }).click();
  await expect(error).toBeHidden();
  await builder.importFile.setInputFiles({ name: "list.json", mimeType: "application/json", buffer: Buffer.from("[1, 2, 3]") });
  await expect(error).toContainText("This file is not a Switchyard workflow");
  expect(await positions()).toEqual(beforeBroken);
  await shot("05-not-a-workflow.png");
});

test("a viewer sees the workflow read-only: no palette, no Save, no Run, nothing moves or is deleted", async ({ request, signInAs }, testInfo) => {
  const name = uniqueName("Viewed");
  const id = await createWorkflowThroughApi(request, name, orderWorkflow(name));
  const viewer = { email: uniqueEmail("vera"), password: "viewer-password-1", role: "viewer" as const };
  await createUserThroughApi(request, viewer);
  const page = await signInAs(viewer);
  const shot = (file: string) => page.screenshot({ path: testInfo.outputPath(file) });
  const editor = new WorkflowEditorPage(page);
  const builder = new BuilderPage(page, editor);

  await editor.goto(id);
  await expect(editor.node("Fetch order")).toBeVisible();
  await expect(editor.node("Done")).toBeVisible();
  await expect.poll(() => builder.edgeDrawn("fetch", "done")).toBe(true);
  await expect(page.getByText("Read only — your role can view this workflow but not change it")).toBeVisible();
  await expect(builder.palette).toHaveCount(0);
  await expect(editor.saveButton).toHaveCount(0);
  await expect(builder.saveDraftButton).toHaveCount(0);
  await expect(builder.runButton).toHaveCount(0);
  await expect(builder.undoButton).toHaveCount(0);
  await expect(builder.importFile).toHaveCount(0);
  // Commands that change nothing stay: version history and export.
  await expect(builder.historyButton).toBeVisible();
  await expect(page.getByRole("button", { name: "Export workflow" })).toBeVisible();
  await shot("01-read-only.png");

  // Nodes can be selected and their configuration read, not changed.
  await editor.node("Fetch order").click({ position: { x: 60, y: 20 } });
  await expect(builder.field("URL")).toHaveValue("https://example.com/orders/7");
  await expect(builder.field("URL")).not.toBeEditable();
  await expect(builder.field("Name")).not.toBeEditable();
  await shot("02-config-read-only.png");

  // Keys that edit do nothing: Delete, Ctrl+D, Ctrl+V; nothing moves.
  const before = await editor.nodePosition("Fetch order");
  await page.keyboard.press("Delete");
  await page.keyboard.press("Control+d");
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await editor.dragNode("Done", 0, 150);
  await expect(builder.nodes()).toHaveCount(3);
  await expect(editor.node("Fetch order")).toBeVisible();
  expect(await editor.nodePosition("Fetch order")).toEqual(before);
  await expect(builder.unsaved).toHaveCount(0);
  // "?" still explains the keys.
  await page.keyboard.press("?");
  await expect(builder.shortcutsDialog).toBeVisible();
  await shot("03-keys-do-nothing.png");
  await page.keyboard.press("Escape");
  await expect(builder.shortcutsDialog).toBeHidden();
});
