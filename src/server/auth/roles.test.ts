import { describe, expect, it } from "vitest";
import { allowedRoles, forbiddenMessage, inWords, isRole, Role } from "./roles";

describe("roles", () => {
  it("always allows admin, without listing it twice", () => {
    expect(allowedRoles(["builder"])).toEqual(["builder", "admin"]);
    expect(allowedRoles(["builder", "admin"])).toEqual(["builder", "admin"]);
    expect(allowedRoles(["admin"])).toEqual(["admin"]);
  });

  it("names the role and what is required", () => {
    expect(forbiddenMessage("viewer", "workflow.create", ["builder", "admin"])).toBe(
      "Your role (viewer) cannot do this: workflow.create needs builder or admin.",
    );
    expect(inWords(["a", "b", "c"])).toBe("a, b or c");
    expect(inWords(["admin"])).toBe("admin");
  });

  it("knows the four roles and nothing else", () => {
    expect(isRole("approver")).toBe(true);
    expect(isRole("manager")).toBe(false);
    expect(Role.safeParse("root").error?.issues[0]?.message).toBe("role must be one of admin, builder, approver, viewer");
  });
});
