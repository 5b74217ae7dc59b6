import { describe, expect, it } from "vitest";
import { ROLES } from "@/server/auth/roles";
import { canEditWorkflows, canManageUsers } from "./permissions";

describe("what the UI offers each role", () => {
  it("lets builders and admins edit workflows", () => {
    expect(ROLES.filter(canEditWorkflows)).toEqual(["admin", "builder"]);
  });

  it("lets only admins manage users", () => {
    expect(ROLES.filter(canManageUsers)).toEqual(["admin"]);
  });
});
