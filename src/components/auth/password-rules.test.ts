import { describe, expect, it } from "vitest";
import * as server from "@/server/auth/password";
import { PASSWORD_MAX, PASSWORD_MIN, passwordFormProblem } from "./password-rules";

describe("the password form's checks", () => {
  it("use the server's limits and sentences", () => {
    expect([PASSWORD_MIN, PASSWORD_MAX]).toEqual([server.PASSWORD_MIN, server.PASSWORD_MAX]);
    for (const password of ["short", "x".repeat(PASSWORD_MAX + 1)]) {
      expect(passwordFormProblem(password, password)).toBe(server.passwordProblem(password));
    }
  });

  it("want both copies to match", () => {
    expect(passwordFormProblem("long enough", "long enougH")).toBe("The passwords do not match.");
    expect(passwordFormProblem("long enough", "long enough")).toBeNull();
  });
});
