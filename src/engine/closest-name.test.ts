import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "./closest-name";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
});

describe("closestName", () => {
  const fields = ["timeoutMs", "retry", "cache", "onError", "breakpoint"];

  it("matches a different case exactly", () => {
    expect(closestName("timeoutMS", fields)).toBe("timeoutMs");
  });

  it("matches a near typo", () => {
    expect(closestName("breakpiont", fields)).toBe("breakpoint");
    expect(closestName("retyr", fields)).toBe("retry");
  });

  it("gives nothing for an unrelated name", () => {
    expect(closestName("foo", fields)).toBeUndefined();
    expect(closestName("colour", fields)).toBeUndefined();
  });
});
