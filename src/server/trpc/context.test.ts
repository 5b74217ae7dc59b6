import { describe, expect, it } from "vitest";
import { isCrossSite } from "./context";

describe("isCrossSite", () => {
  const hosts = ["switchyard.example:3000", "localhost:3000"];
  it("accepts requests without Origin (scripts, curl) and from our own host", () => {
    expect(isCrossSite({ origin: null, hosts, secure: false })).toBe(false);
    expect(isCrossSite({ origin: "http://switchyard.example:3000", hosts, secure: false })).toBe(false);
    expect(isCrossSite({ origin: "https://SwitchYard.example:3000", hosts, secure: true })).toBe(false);
  });

  it("refuses another host, another port of the same host, and opaque origins", () => {
    expect(isCrossSite({ origin: "http://evil.example", hosts, secure: false })).toBe(true);
    expect(isCrossSite({ origin: "http://localhost:8080", hosts, secure: false })).toBe(true);
    expect(isCrossSite({ origin: "null", hosts, secure: false })).toBe(true);
  });
});
