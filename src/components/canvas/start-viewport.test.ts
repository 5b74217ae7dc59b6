import { describe, expect, it } from "vitest";
import type { CanvasNode } from "./document-to-flow";
import { LARGE_GRAPH_ZOOM, legibleStartViewport } from "./start-viewport";

const node = (id: string, type: string, x: number, y: number) => ({ id, type, position: { x, y }, data: {} }) as unknown as CanvasNode;

describe("legibleStartViewport", () => {
  it("puts the trigger near the left middle at a legible zoom", () => {
    const viewport = legibleStartViewport([node("a", "set", -500, 0), node("start", "trigger.manual", 1000, 400)]);
    expect(viewport.zoom).toBe(LARGE_GRAPH_ZOOM);
    // The trigger's screen position is x * zoom + viewport.x.
    expect(1000 * viewport.zoom + viewport.x).toBe(80);
    expect(400 * viewport.zoom + viewport.y).toBe(240);
  });

  it("without a trigger, starts at the leftmost node", () => {
    const viewport = legibleStartViewport([node("b", "set", 300, 0), node("a", "set", -200, 50)]);
    expect(-200 * viewport.zoom + viewport.x).toBe(80);
  });
});
