import type { Page } from "@playwright/test";
import { BuilderPage } from "./fixtures/builder";
import { chainDocument } from "./fixtures/executions";
import { createWorkflowThroughApi, expect, test, uniqueName, WorkflowListPage } from "./fixtures/workflows";

/**
 * The network drops after the page has loaded: what the editor loads on demand
 * does not come, and the editor says so instead of breaking, then carries on.
 */

test("code loaded on demand that does not download: the panel and Save say so, and both work once it downloads", async ({ page, request, editor }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const builder = new BuilderPage(page, editor);
  const name = uniqueName("Flaky network");
  const id = await createWorkflowThroughApi(request, name, chainDocument(name, [{ id: "done", type: "output", name: "Done", config: { value: 1 } }]));

  // The scripts the page's HTML names download; code the editor loads on demand (its panels, the
  // validator) does not, as when the network drops after the page has loaded.
  const network = await dropOnDemandCode(page);
  await editor.goto(id);
  await expect(editor.node("Start")).toBeVisible();

  // Selecting a step opens its settings, whose code does not come: said in its place, the page lives on.
  await editor.node("Done").click({ position: { x: 60, y: 20 } });
  const panelFailure = page.getByRole("alert").filter({ hasText: "This part of the editor could not be shown" });
  await expect(panelFailure).toContainText("did not download");
  await editor.dragNode("Start", 0, 80);
  await expect(builder.unsaved).toBeVisible();
  await shot("01-panel-not-downloaded.png");

  // Save needs the validator, which does not come either: "Not saved", saying why, and nothing is lost.
  await editor.saveButton.click();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toContainText("did not download");
  await expect(builder.unsaved).toBeVisible();
  await expect(editor.version(1)).toBeVisible();
  await shot("02-save-not-downloaded.png");

  // The network is back: "Try again" shows the settings, and Save publishes.
  network.restore();
  await editor.node("Done").click({ position: { x: 60, y: 20 } });
  await panelFailure.getByRole("button", { name: "Try again" }).click();
  await expect(builder.field("Name")).toHaveValue("Done");
  await editor.saveButton.click();
  await expect(editor.savedAs(2)).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toHaveCount(0);
  await shot("03-back-online.png");
});

test("a page whose code does not download on the way to it says so, with Try again, and opens once it does", async ({ page, request }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  const name = uniqueName("Far away");
  const id = await createWorkflowThroughApi(request, name, chainDocument(name, [{ id: "done", type: "output", name: "Done", config: { value: 1 } }]));

  // The workflow list loads; the network drops; the editor's code (not part of the list's page) cannot come.
  const network = await dropOnDemandCode(page);
  const workflows = new WorkflowListPage(page);
  await workflows.goto();
  await workflows.item(name).getByRole("link", { name }).click();
  const failure = page.getByRole("alert").filter({ hasText: "This page could not be shown" });
  await expect(failure).toContainText("did not download");
  await expect(failure.getByRole("link", { name: "Back to workflows" })).toBeVisible();
  // The header still works around it.
  await expect(page.getByRole("navigation").getByRole("link", { name: "Workflows" })).toBeVisible();
  await shot("01-page-not-downloaded.png");

  // The network is back: Try again opens the editor where the person was going.
  network.restore();
  await failure.getByRole("button", { name: "Try again" }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${id}$`));
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(failure).toHaveCount(0);
  // Drawn with all its styles: the canvas's own stylesheet came too (React Flow positions its panels).
  await expect(page.locator(".react-flow__minimap")).toHaveCSS("position", "absolute");
  await shot("02-back-online.png");
});

/**
 * From now on, script and style chunks the page's HTML did not name fail to download (as when the
 * network drops after a page has loaded), until `restore()`.
 */
async function dropOnDemandCode(page: Page) {
  const CHUNK = /static\/chunks\/[\w.~-]+\.(?:js|css)/g;
  const named = new Set<string>();
  let blocked = true;
  await page.route("**/*", async (route) => {
    const sent = route.request();
    if (sent.resourceType() === "document") {
      const response = await route.fetch();
      const html = await response.text();
      for (const [chunk] of html.matchAll(CHUNK)) named.add(chunk);
      return route.fulfill({ response, body: html });
    }
    const chunk = sent.url().match(CHUNK)?.[0];
    if (chunk && blocked && !named.has(chunk)) return route.abort("internetdisconnected");
    return route.fallback();
  });
  return { restore: () => (blocked = false) };
}
