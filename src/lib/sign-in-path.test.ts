import { describe, expect, it } from "vitest";
import { isPublicPage, safeNextPath, signInPath } from "./sign-in-path";

describe("safeNextPath", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeNextPath("/workflows/abc")).toBe("/workflows/abc");
    expect(safeNextPath("/users?tab=disabled")).toBe("/users?tab=disabled");
  });

  it("sends anything that could leave the site, or is missing, to the workflows", () => {
    for (const next of [null, undefined, "", "workflows", "https://evil.example/", "//evil.example", "/\\evil.example", "/a\nb"]) {
      expect(safeNextPath(next)).toBe("/workflows");
    }
  });

  it("never returns to a sign-in page", () => {
    expect(safeNextPath("/login")).toBe("/workflows");
    expect(safeNextPath("/login?next=/users")).toBe("/workflows");
    expect(safeNextPath("/setup")).toBe("/workflows");
    expect(safeNextPath("/loginx")).toBe("/loginx");
  });
});

describe("signInPath", () => {
  it("carries the page asked for", () => {
    expect(signInPath("/workflows/abc?x=1")).toBe("/login?next=%2Fworkflows%2Fabc%3Fx%3D1");
  });

  it("leaves out the home page and unsafe destinations", () => {
    expect(signInPath("/workflows")).toBe("/login");
    expect(signInPath("/")).toBe("/login");
    expect(signInPath("//evil.example")).toBe("/login");
  });
});

describe("isPublicPage", () => {
  it("knows the pages open without a session", () => {
    expect(isPublicPage("/login")).toBe(true);
    expect(isPublicPage("/setup")).toBe(true);
    expect(isPublicPage("/workflows")).toBe(false);
    expect(isPublicPage("/setupx")).toBe(false);
  });
});
