import { describe, expect, it } from "vitest";
import { dropPosition, findFreeSpot, NODE_SIZE, nodeBox, panToShow, viewportCenter } from "./placement";

describe("viewportCenter", () => {
  it("undoes pan and zoom", () => {
    expect(viewportCenter({ width: 800, height: 600, transform: [0, 0, 1] })).toEqual({ x: 400, y: 300 });
    expect(viewportCenter({ width: 800, height: 600, transform: [100, -50, 2] })).toEqual({ x: 150, y: 175 });
  });
});

describe("dropPosition", () => {
  it("puts the pointer on the new card's title row", () => {
    expect(dropPosition({ x: 500, y: 300 })).toEqual({ x: 500 - NODE_SIZE.width / 2, y: 276 });
  });
});

describe("findFreeSpot", () => {
  it("uses the centre when it is free", () => {
    expect(findFreeSpot({ x: 120, y: 60 }, [])).toEqual({ x: 0, y: 0 });
  });

  it("moves next to a node that sits in the centre, without overlapping it", () => {
    const taken = nodeBox({ position: { x: 0, y: 0 } });
    const spot = findFreeSpot({ x: 120, y: 60 }, [taken]);
    expect(spot).not.toEqual({ x: 0, y: 0 });
    const apart = spot.x >= taken.x + taken.width || spot.x + NODE_SIZE.width <= taken.x || spot.y >= taken.y + taken.height || spot.y + NODE_SIZE.height <= taken.y;
    expect(apart).toBe(true);
    expect(Math.abs(spot.x) + Math.abs(spot.y)).toBeLessThan(400);
  });

  it("uses measured sizes when React Flow has them", () => {
    expect(nodeBox({ position: { x: 5, y: 6 }, measured: { width: 240, height: 180 } })).toEqual({ x: 5, y: 6, width: 240, height: 180 });
  });
});

describe("panToShow", () => {
  const view = { width: 1000, height: 600, transform: [0, 0, 1] as const };
  const card = { width: 240, height: 80 };

  it("leaves the view alone when the box is in it", () => {
    expect(panToShow(view, { x: 100, y: 100, ...card })).toBeUndefined();
  });

  it("moves just enough to show a box beyond the right edge, keeping the margin", () => {
    expect(panToShow(view, { x: 900, y: 100, ...card })).toEqual({ x: -180, y: 0 });
  });

  it("moves down and right for a box above and left of the view", () => {
    expect(panToShow(view, { x: -300, y: -200, ...card })).toEqual({ x: 340, y: 240 });
  });

  it("works in screen pixels at any zoom", () => {
    // At zoom 0.5 the box's right edge (1,940 + 240) * 0.5 = 1,090 is 130 px past the margin.
    expect(panToShow({ ...view, transform: [0, 0, 0.5] }, { x: 1940, y: 100, ...card })).toEqual({ x: -130, y: 0 });
  });

  it("aligns a box larger than the view on its top-left", () => {
    expect(panToShow(view, { x: 0, y: 0, width: 2000, height: 80 })).toEqual({ x: 40, y: 40 });
  });
});
