import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyDummyPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("stores scrypt with its parameters, a 16-byte salt and a 64-byte key, and verifies", async () => {
    const stored = await hashPassword("correct horse");
    const [scheme, N, r, p, salt, key] = stored.split("$");
    expect({ scheme, N, r, p }).toEqual({ scheme: "scrypt", N: "32768", r: "8", p: "1" });
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(key!, "base64")).toHaveLength(64);
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct horse ", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("rejects malformed hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$1$2$3$a$b")).toBe(false);
    expect(await verifyPassword("x", "scrypt$0$8$1$AAAA$AAAA")).toBe(false);
    expect(await verifyPassword("x", "scrypt$99999999$8$1$AAAA$AAAA")).toBe(false);
  });

  it("spends a verification on unknown users and never matches", async () => {
    expect(await verifyDummyPassword("anything")).toBe(false);
  });

  it("says what the rules are", () => {
    expect(passwordProblem("short")).toBe("The password must be at least 8 characters long.");
    expect(passwordProblem("x".repeat(201))).toBe("The password must be at most 200 characters long.");
    expect(passwordProblem("eight ch")).toBeNull();
  });
});
