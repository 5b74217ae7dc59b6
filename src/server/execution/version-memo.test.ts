import { describe, expect, it } from "vitest";
import { versionMemo } from "./version-memo";

describe("versionMemo", () => {
  it("forgets the oldest learnt first once full; learning again makes a version the newest", () => {
    const memo = versionMemo<string>(2);
    memo.set("v1", "a");
    memo.set("v2", "b");
    memo.set("v1", "c"); // v1 learnt again: now the newest
    memo.set("v3", "d"); // full: v2, the oldest, goes
    expect([memo.get("v1"), memo.has("v2"), memo.get("v3")]).toEqual(["c", false, "d"]);
  });
});
