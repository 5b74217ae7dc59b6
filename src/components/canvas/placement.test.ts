import { describe, expect, it } from "vitest";
import { dropPosition, findFreeSpot, NODE_SIZE, nodeBox, viewportCenter } from "./placement";

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
