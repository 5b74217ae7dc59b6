import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WorkflowDocument } from "@/engine/workflow-schema";
import { EditorStoreProvider } from "@/stores/editor-store-provider";
import { largeWorkflowDocument } from "../../../e2e/fixtures/large-workflow";
import { CanvasProvider } from "./canvas-provider";
import { WorkflowCanvas } from "./workflow-canvas";

/** The editor's canvas as the server renders it (no browser: nothing measured, no effects run). */
function serverHtml(nodeCount: number): string {
  const document = WorkflowDocument.parse(largeWorkflowDocument("Generated", nodeCount));
  return renderToString(
    createElement(EditorStoreProvider, {
      initial: { workflowId: "wf", version: 1, document },
      children: createElement(CanvasProvider, { children: createElement(WorkflowCanvas) }),
    }),
  );
}

const drawnNodeIds = (html: string) => [...html.matchAll(/class="react-flow__node [^"]*"[^>]*data-id="([^"]+)"/g)].map((match) => match[1]);

describe("CanvasProvider on the server", () => {
  it("draws a large graph's cards in view into the HTML, visible, at the viewport the canvas opens at", () => {
    const html = serverHtml(500);
    const ids = drawnNodeIds(html);
    // The trigger and the first steps of its chains; nothing far to the right (a chain's 50th step).
    expect(ids).toContain("start");
    expect(ids).toContain("c0_s0");
    expect(ids).not.toContain("c0_s49");
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.length).toBeLessThan(60);
    // React Flow hides a card it cannot place until measured; this one it can.
    expect(html.match(/<div class="react-flow__node [^>]*data-id="start"[^>]*>/)?.[0]).toContain("visibility:visible");
    expect(html).toContain("transform:translate(80px,-300px) scale(0.75)");
    // Edges between drawn cards come too.
    expect(html).toContain('aria-label="Edge from start to c0_s0"');
  });

  it("draws no card of a small graph, which is fitted to the canvas only the browser can measure", () => {
    expect(drawnNodeIds(serverHtml(3))).toEqual([]);
  });
});
