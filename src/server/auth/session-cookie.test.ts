import { describe, expect, it } from "vitest";
import { clearedSessionCookie, readCookie, sessionCookie } from "./session-cookie";

describe("session cookie", () => {
  it("is httpOnly, SameSite=Lax, 30 days, and Secure only on https", () => {
    expect(sessionCookie("abc", { secure: false })).toBe("sy_session=abc; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax");
    expect(sessionCookie("abc", { secure: true })).toBe("sy_session=abc; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure");
    expect(clearedSessionCookie({ secure: false })).toBe("sy_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  });

  it("reads one cookie among others", () => {
    expect(readCookie("theme=dark; sy_session=tok-en_1; x=y", "sy_session")).toBe("tok-en_1");
    expect(readCookie("sy_session_old=a", "sy_session")).toBeNull();
    expect(readCookie("sy_session=", "sy_session")).toBeNull();
    expect(readCookie(null, "sy_session")).toBeNull();
  });
});
