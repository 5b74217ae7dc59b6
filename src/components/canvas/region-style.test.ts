import { describe, expect, it } from "vitest";
import { regionLook } from "./region-style";

describe("regionLook", () => {
  it("tints a loop body indigo and a try's parts amber, red and zinc", () => {
    expect(regionLook({ kind: "loop", handle: "body" }).area).toContain("indigo");
    expect(regionLook({ kind: "try", handle: "try" }).area).toContain("amber");
    expect(regionLook({ kind: "try", handle: "catch" }).area).toContain("red");
    expect(regionLook({ kind: "try", handle: "finally" }).area).toContain("zinc");
  });
});
