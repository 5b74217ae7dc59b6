import { describe, expect, it } from "vitest";
import { errorMessage } from "./error-message";

describe("errorMessage", () => {
  it("says in words that a chunk loaded on first use did not download (browser and Turbopack wordings)", () => {
    const chunk = "Part of the page's code did not download. Check the connection and try again.";
    expect(errorMessage(new TypeError("Failed to fetch dynamically imported module: http://localhost/_next/static/chunks/a.js"))).toBe(chunk);
    expect(errorMessage(new Error("Failed to load chunk /_next/static/chunks/b.js from module 123"))).toBe(chunk);
    expect(errorMessage(Object.assign(new Error("Loading chunk 7 failed."), { name: "ChunkLoadError" }))).toBe(chunk);
  });

  it("keeps other errors' own messages, and a request that failed is about the server", () => {
    expect(errorMessage(new Error("the workflow changed meanwhile"))).toBe("the workflow changed meanwhile");
    expect(errorMessage(new TypeError("Failed to fetch"))).toBe("Could not reach the Switchyard server. Check that it is running and try again.");
    expect(errorMessage("nope")).toBe("Something went wrong. Try again.");
  });
});
