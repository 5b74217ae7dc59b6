import type { WebSocketRoute } from "@playwright/test";
import { createWorkflowThroughApi, expect, test, uniqueName } from "./fixtures/workflows";
import { BuilderPage } from "./fixtures/builder";
import { chainDocument, ExecutionPage, executionEvents, executionReport } from "./fixtures/executions";
import { describeEvent, formatClockTime } from "../src/components/execution-view/run-format";

/**
 * The live connection drops in the middle of a run and comes back after the
 * run has finished on the server: the page must end up with the complete
 * story — every node in its final status, every event exactly once, in order,
 * and the final status — without a reload.
 *
 * The network is cut in the browser, as a flaky connection would: every
 * socket.io WebSocket goes through Playwright (routeWebSocket) so it can be
 * closed, and while "offline" new WebSockets are closed at once and socket.io's
 * HTTP long-polling requests fail. The rest of the app (tRPC over HTTP) keeps
 * working, as on a network where only the long-lived connection broke.
 */
test("the socket drops mid-run and reconnects: the final state is complete", async ({ page, request, editor }, testInfo) => {
  test.setTimeout(120_000);
  const builder = new BuilderPage(page, editor);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name) });

  let offline = false;
  const sockets = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (offline) {
      void ws.close({ code: 4000, reason: "offline" });
      return;
    }
    const server = ws.connectToServer();
    const pair = { page: ws, server };
    sockets.add(pair);
    ws.onClose(() => sockets.delete(pair));
  });
  await page.route(/\/socket\.io\//, (route) => (offline ? route.abort("internetdisconnected") : route.continue()));

  const name = uniqueName("Flaky network");
  const steps = ["One", "Two", "Three", "Four"].map((word) => ({ id: `wait${word}`, type: "delay", name: `Wait ${word.toLowerCase()}`, config: { seconds: 1 } }));
  const document = chainDocument(name, [...steps, { id: "result", type: "output", name: "Result", config: { value: { done: true } } }]);
  const workflowId = await createWorkflowThroughApi(request, name, document);
  const nodeNames = ["Start", ...steps.map((s) => s.name), "Result"];

  // Run it from the editor and open its execution page.
  await editor.goto(workflowId);
  await expect(editor.node("Start")).toBeVisible();
  await builder.runButton.click();
  const banner = page.getByRole("region", { name: "Current run" });
  await banner.getByRole("link", { name: "Open execution" }).click();
  await page.waitForURL(/\/executions\/[^/]+$/);
  const executionId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const execution = new ExecutionPage(page);
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await expect(builder.status("Wait one")).toHaveAttribute("data-status", /^(running|waiting|succeeded)$/);
  await expect(builder.status("Result")).toHaveAttribute("data-status", "idle");
  expect(sockets.size).toBeGreaterThan(0);
  await shot("01-live.png");

  // Cut the connection.
  offline = true;
  for (const { page: toPage, server } of [...sockets]) {
    await server.close({ code: 4000, reason: "network down" }).catch(() => {});
    await toPage.close({ code: 4000, reason: "network down" }).catch(() => {});
  }
  await expect(page.getByText("Connecting…", { exact: true })).toBeVisible();
  const eventsWhenCut = await execution.shownEventCount();
  await shot("02-disconnected.png");

  // The run goes on without the page and finishes on the server.
  await expect.poll(async () => (await executionReport(request, executionId)).status, { timeout: 30_000 }).toBe("succeeded");
  const stored = await executionEvents(request, executionId);
  expect(stored.length).toBeGreaterThan(eventsWhenCut);
  // Still offline: the page has not learned about the rest (no fixed wait: the server is already done).
  await expect(page.getByText("Connecting…", { exact: true })).toBeVisible();
  expect(await execution.shownEventCount()).toBeLessThan(stored.length);
  await shot("03-finished-while-offline.png");

  // Back online: socket.io reconnects by itself and the page catches up.
  offline = false;
  await expect(execution.status).toHaveText("Succeeded", { timeout: 30_000 });
  for (const node of nodeNames) await expect(builder.status(node)).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByText("Connecting…", { exact: true })).toBeHidden();

  // The timeline: every stored event exactly once, in seq order — row for row.
  await expect(execution.timeline.getByText(`${stored.length} events`, { exact: true })).toBeVisible();
  await expect(execution.timelineRows).toHaveCount(stored.length);
  const names = new Map(document.nodes.map((n) => [n.id, n.name]));
  const expected = stored.map((event, index) => {
    expect(event.seq).toBe(index + 1); // the stored log itself has no holes
    const entry = describeEvent(event);
    const status = entry.scope === "execution" ? `Run ${entry.status.toLowerCase()}` : entry.status;
    const node = entry.nodeId ? (names.get(entry.nodeId) ?? entry.nodeId) : "";
    return `${formatClockTime(entry.at)} ${status} ${node}`.trim();
  });
  const rendered = (await execution.timelineRows.allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
  expect(rendered).toEqual(expected);
  await expect(execution.timelineRows.last()).toContainText("Run succeeded");
  await shot("04-reconnected-complete.png");
});
