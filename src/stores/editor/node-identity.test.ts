import { describe, expect, it } from "vitest";
import { NODE_ID_PATTERN } from "@/engine/workflow-schema";
import { NODE_TYPES } from "@/engine/nodes/registry";
import { idStem, uniqueNodeId, uniqueNodeName } from "./node-identity";

describe("node ids", () => {
  it("derives a valid id from every node type", () => {
    for (const type of NODE_TYPES) expect(idStem(type)).toMatch(NODE_ID_PATTERN);
    expect(idStem("http.request")).toBe("http_request");
    expect(idStem("trigger.manual")).toBe("trigger_manual");
  });

  it("numbers repeats from 2, and a copied id starts again from its stem", () => {
    expect(uniqueNodeId("http_request", new Set())).toBe("http_request");
    expect(uniqueNodeId("http_request", new Set(["http_request", "http_request_2"]))).toBe("http_request_3");
    expect(uniqueNodeId(idStem("notify_2"), new Set(["notify", "notify_2"]))).toBe("notify_3");
  });

  it("stays within 64 characters", () => {
    const long = "x".repeat(80);
    expect(uniqueNodeId(idStem(long), new Set([idStem(long)]))).toMatch(NODE_ID_PATTERN);
  });
});

describe("node names", () => {
  it("adds a number when the name is shown already", () => {
    expect(uniqueNodeName("HTTP request", new Set())).toBe("HTTP request");
    expect(uniqueNodeName("HTTP request", new Set(["HTTP request"]))).toBe("HTTP request 2");
    expect(uniqueNodeName("HTTP request 2", new Set(["HTTP request", "HTTP request 2"]))).toBe("HTTP request 3");
  });
});
